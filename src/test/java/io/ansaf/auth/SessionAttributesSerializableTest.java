package io.ansaf.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * With clustering the HTTP session is written to Payara's data grid: an attribute that does not
 * serialize fails that write, and the session stays on one instance. Two checks: every place in the
 * code that stores into a session is one of those exercised here, and what each of them stores
 * survives Java serialization unchanged.
 */
class SessionAttributesSerializableTest {
    /** The methods that call {@code HttpSession.setAttribute}; each is exercised below. */
    private static final Set<String> WRITERS =
            Set.of(
                    "io.ansaf.auth.Csrf.rotate",
                    "io.ansaf.auth.SessionAuthenticationMechanism.bind",
                    "io.ansaf.auth.SessionAuthenticationMechanism.validateRequest");

    @Test
    void everySessionWriter_isOneThisTestExercises() {
        JavaClasses classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.ansaf");
        Set<String> writers = new TreeSet<>();
        classes.forEach(
                c -> {
                    for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                        if (call.getTargetOwner().isAssignableTo(HttpSession.class)
                                && Set.of("setAttribute", "putValue")
                                        .contains(call.getTarget().getName())) {
                            writers.add(c.getName() + "." + call.getOrigin().getName());
                        }
                    }
                });
        assertEquals(new TreeSet<>(WRITERS), writers);
    }

    @Test
    void whatLoginCsrfAndTheMechanismStore_serializes() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        HttpSession session = session(attributes);
        User user = new User("alice", "", PasswordHasher.hash("a-password-123"), false);
        Field id = io.ansaf.platform.VersionedEntity.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(user, 7L);

        SessionAuthenticationMechanism.bind(session, user);
        Csrf.rotate(request(session), response());
        attributes.remove(SessionAuthenticationMechanism.CREDENTIAL);
        // validateRequest stores the fingerprint of a session that lacks one.
        SessionAuthenticationMechanism mechanism = new SessionAuthenticationMechanism();
        mechanism.users =
                new UserService() {
                    @Override
                    public User find(long userId) {
                        return userId == 7L ? user : null;
                    }
                };
        mechanism.sessions = new SessionRegistry(); // no Redis: the instance's own registry
        HttpMessageContext context =
                (HttpMessageContext)
                        Proxy.newProxyInstance(
                                HttpMessageContext.class.getClassLoader(),
                                new Class<?>[] {HttpMessageContext.class},
                                (proxy, method, args) ->
                                        method.getName().equals("notifyContainerAboutLogin")
                                                ? AuthenticationStatus.SUCCESS
                                                : AuthenticationStatus.NOT_DONE);
        assertEquals(
                AuthenticationStatus.SUCCESS,
                mechanism.validateRequest(request(session), response(), context));

        assertEquals(
                Set.of(
                        SessionAuthenticationMechanism.USER_ID,
                        SessionAuthenticationMechanism.CREDENTIAL,
                        Csrf.ATTRIBUTE),
                attributes.keySet());
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            assertEquals(e.getValue(), roundTrip(e.getValue()), e.getKey());
        }
        assertFalse(
                attributes
                        .get(SessionAuthenticationMechanism.CREDENTIAL)
                        .toString()
                        .contains(user.passwordHash()),
                "the session never holds the password hash");
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static HttpSession session(Map<String, Object> attributes) {
        return (HttpSession)
                Proxy.newProxyInstance(
                        HttpSession.class.getClassLoader(),
                        new Class<?>[] {HttpSession.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "setAttribute" ->
                                            attributes.put((String) args[0], args[1]);
                                    case "getAttribute" -> attributes.get((String) args[0]);
                                    case "getId" -> "s1";
                                    default -> null;
                                });
    }

    private static HttpServletRequest request(HttpSession session) {
        return (HttpServletRequest)
                Proxy.newProxyInstance(
                        HttpServletRequest.class.getClassLoader(),
                        new Class<?>[] {HttpServletRequest.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getSession" -> session;
                                    case "isSecure" -> true;
                                    default -> null;
                                });
    }

    private static HttpServletResponse response() {
        return (HttpServletResponse)
                Proxy.newProxyInstance(
                        HttpServletResponse.class.getClassLoader(),
                        new Class<?>[] {HttpServletResponse.class},
                        (proxy, method, args) -> null);
    }
}
