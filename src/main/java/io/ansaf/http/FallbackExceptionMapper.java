package io.ansaf.http;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.StaleStateException;
import org.hibernate.dialect.lock.OptimisticEntityLockException;

/**
 * The last line: every exception that reaches JAX-RS becomes a problem+json response. Wrapped
 * causes (EJB, JTA rollback, persistence) are unwrapped first so that a version conflict raised at
 * commit still answers 409 and a malformed body 400; anything unexpected is logged with its stack
 * trace and answered 500 without it.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Inject CurrentVersions currentVersions;

    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p) {
                return p.toResponse();
            }
            if (t instanceof BodyLimit.BodyTooLargeException) {
                return Problems.response(413, t.getMessage());
            }
            if (t instanceof WebApplicationException w) {
                return fromJaxRs(w);
            }
            if (t instanceof JsonParsingException
                    || t instanceof JsonbException
                    || t instanceof JsonException) {
                return Problems.response(400, "Malformed JSON: " + t.getMessage());
            }
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return Problems.response(
                        409, "A resource with these unique values already exists.");
            }
            if (t instanceof OptimisticLockException
                    || t instanceof StaleStateException
                    || t instanceof OptimisticEntityLockException) {
                return ProblemException.versionConflict(currentVersions.of(t)).toResponse();
            }
        }
        LOG.log(Level.SEVERE, "Unhandled exception while serving a request", thrown);
        return Problems.response(500, "The server could not complete the request.");
    }

    private static Response fromJaxRs(WebApplicationException w) {
        int status = w.getResponse().getStatus();
        String detail =
                switch (status) {
                    case 404 -> "Not found.";
                    case 405 -> "Method not allowed.";
                    case 406 -> "Only application/json responses are available.";
                    case 415 -> "Unsupported media type: send application/json.";
                    default -> w.getMessage();
                };
        Response problem = Problems.response(status, detail);
        if (status == 405 && w.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(problem)
                    .header("Allow", w.getResponse().getHeaderString("Allow"))
                    .build();
        }
        return problem;
    }
}
