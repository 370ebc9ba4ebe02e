package io.ansaf.it;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Boots one Ansaf server for every integration test class of the run (Payara Micro costs ~20 s a
 * start here) and stops it when the run ends. Test classes declare
 * {@code @ExtendWith(SharedServer.class)} and take an {@link Api} or {@link ServerProcess}
 * parameter. The database is H2 unless the build asks for PostgreSQL.
 */
public final class SharedServer implements BeforeAllCallback, ParameterResolver {

    private static final class Resource
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final TestDatabase db = TestDatabase.create();
        final ServerProcess server;

        Resource() {
            Map<String, String> env = new HashMap<>(db.env());
            env.putAll(TestAdmin.env());
            env.put("ANSAF_LOGIN_WINDOW_SECONDS", "8");
            env.put("ANSAF_VIEWS_FLUSH_MILLIS", "300");
            env.put("ANSAF_ALLOWED_ORIGINS", "http://allowed.example");
            String redis = RedisForTests.url();
            if (redis != null) env.put("REDIS_URL", redis);
            server =
                    new ServerProcess("shared-" + (db.postgresKind() ? "postgres" : "h2"), env)
                            .start();
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
        resource(context);
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
        return new Api(r.server.base());
    }
}
