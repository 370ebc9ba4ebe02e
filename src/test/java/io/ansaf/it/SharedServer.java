package io.ansaf.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Boots one Ansaf server for every integration test class of the run (Payara Micro costs ~20 s a
 * start here) and stops it when the run ends. Test classes declare
 * {@code @ExtendWith(SharedServer.class)} and take an {@link Api} or {@link ServerProcess}
 * parameter. The database is H2 unless the build asks for PostgreSQL.
 *
 * <p>Every {@link Api} it hands out (and each {@link Api#fresh()} one) is observed by one {@link
 * OpenApiContract} built from the served document: a test class whose requests or responses
 * disagree with the document fails when it ends, with the exchanges at fault.
 */
public final class SharedServer implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /**
     * A port for a page on a second origin, {@code http://127.0.0.1:<port>}, which the shared
     * server lists in {@code ANSAF_CORS_ORIGINS}.
     */
    public static final int SECOND_ORIGIN_PORT = ServerProcess.freePort();

    private static final class Resource
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final TestDatabase db = TestDatabase.create();
        final ServerProcess server;
        final OpenApiContract contract;

        Resource() {
            Map<String, String> env = new HashMap<>(db.env());
            env.putAll(TestAdmin.env());
            env.put("ANSAF_LOGIN_WINDOW_SECONDS", "8");
            env.put("ANSAF_VIEWS_FLUSH_MILLIS", "300");
            env.put("ANSAF_ALLOWED_ORIGINS", "http://allowed.example");
            // The page of the cross-origin browser test (CrossOriginBrowserIT) is served there.
            env.put("ANSAF_CORS_ORIGINS", "http://127.0.0.1:" + SECOND_ORIGIN_PORT);
            String redis = RedisForTests.url();
            if (redis != null) env.put("REDIS_URL", redis);
            server =
                    new ServerProcess("shared-" + (db.postgresKind() ? "postgres" : "h2"), env)
                            .start();
            Api.Res document =
                    new Api(server.base()).get("/openapi", Map.of("Accept", "application/json"));
            if (document.status() != 200)
                throw new IllegalStateException("GET /openapi: " + document.status());
            contract = new OpenApiContract(document.body());
        }

        @Override
        public void close() {
            server.close();
            db.close();
        }
    }

    private static Resource resource(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Resource.class, k -> new Resource(), Resource.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Resource r = resource(context);
        context.getStore(ExtensionContext.Namespace.create(SharedServer.class))
                .put("violations", r.contract.violations().size());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Resource r = resource(context);
        Integer before =
                context.getStore(ExtensionContext.Namespace.create(SharedServer.class))
                        .get("violations", Integer.class);
        List<String> all = r.contract.violations();
        List<String> mine =
                all.subList(before == null ? 0 : Math.min(before, all.size()), all.size());
        if (!mine.isEmpty()) {
            throw new AssertionError(
                    mine.size()
                            + " exchange(s) of "
                            + context.getDisplayName()
                            + " disagree with the served OpenAPI document:\n  "
                            + String.join("\n  ", mine));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == Api.class || t == ServerProcess.class || t == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Resource r = resource(e);
        Class<?> t = p.getParameter().getType();
        if (t == ServerProcess.class) return r.server;
        if (t == TestDatabase.class) return r.db;
        return new Api(r.server.base()).observedBy(r.contract);
    }
}
