package io.ansaf.http;

import jakarta.json.JsonObject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml's default {@code <error-page>}): whatever the servlet
 * container answers with an error by itself (a path its default servlet refuses, such as an encoded
 * {@code ..%2F}, an unknown {@code /ws/} path, an exception that escaped every mapper) becomes an
 * RFC 9457 problem instead of Payara's HTML report, which names the server and may carry a stack
 * trace. Errors the API answers itself never reach it.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {
    static final String PATH = "/ansaf-error";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status =
                code instanceof Integer i && i >= 400
                        ? i
                        : 404; // requested directly: there is nothing here
        // The container answers a method it does not know (PROPFIND, "get", garbage) with 501. No
        // resource here takes it, which is what 405 says, and a client's mistake is no server
        // failure: monitoring that alerts on 5xx must not page anyone for a scanner's requests.
        if (status == 501) {
            status = 405;
            res.setHeader("Allow", Problems.KNOWN_METHODS);
        }
        String title =
                switch (status) {
                    case 400 -> "Bad Request";
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden";
                    case 404 -> "Not Found";
                    case 405 -> "Method Not Allowed";
                    case 413 -> "Content Too Large";
                    default -> status >= 500 ? "Internal Server Error" : "Error";
                };
        String detail = status >= 500 ? "The server could not answer this request." : title + ".";
        res.resetBuffer();
        res.setStatus(status);
        res.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
        byte[] body =
                Problems.body(status, title, detail, JsonObject.EMPTY_JSON_OBJECT)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
