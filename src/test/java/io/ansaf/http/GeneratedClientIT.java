package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.client.ApiClient;
import io.ansaf.client.ApiException;
import io.ansaf.client.ApiResponse;
import io.ansaf.client.api.AuthApi;
import io.ansaf.client.api.PostsApi;
import io.ansaf.client.model.LoginInput;
import io.ansaf.client.model.MeView;
import io.ansaf.client.model.PostInput;
import io.ansaf.client.model.PostPatch;
import io.ansaf.client.model.PostView;
import io.ansaf.client.model.VersionConflict;
import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestAdmin;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Java client that openapi-generator (library {@code native}) generated from the committed
 * document, which DashboardIT holds equal to the served one, works against the real server as
 * README tells a user to drive it: a cookie-keeping HTTP client for the session, the CSRF token
 * from {@code GET /auth/csrf/} and then from the login response's {@code X-CSRFToken}, sent on
 * every request; {@code If-Match} with the ETag; a stale one is an {@link ApiException} whose body
 * reads as the document's {@code VersionConflict}.
 */
@ExtendWith(SharedServer.class)
class GeneratedClientIT {

    @Test
    void generatedJavaClient_logsIn_createsReadsAndUpdatesWithIfMatch_andReadsA409Problem(Api api)
            throws Exception {
        AtomicReference<String> csrf = new AtomicReference<>();
        String base = api.base().toString().replaceAll("/+$", "");
        ApiClient client =
                new ApiClient(
                        HttpClient.newBuilder()
                                .cookieHandler(new CookieManager())
                                .connectTimeout(Duration.ofSeconds(5)),
                        ApiClient.createDefaultObjectMapper(),
                        base);
        // The native library leaves API keys to the caller: the csrf scheme is a header on every
        // request.
        client.setRequestInterceptor(
                request -> {
                    if (csrf.get() != null) request.setHeader("X-CSRFToken", csrf.get());
                });
        AuthApi auth = new AuthApi(client);
        PostsApi posts = new PostsApi(client);

        csrf.set(auth.authCsrf(null).getCsrfToken());
        ApiResponse<MeView> login =
                auth.authLoginWithHttpInfo(
                        new LoginInput().username(TestAdmin.USERNAME).password(TestAdmin.PASSWORD));
        assertEquals(200, login.getStatusCode());
        assertTrue(login.getData().getIsStaff());
        String loggedIn = header(login, "X-CSRFToken");
        assertNotEquals(csrf.get(), loggedIn, "login issues a new CSRF token");
        csrf.set(loggedIn);
        assertEquals(TestAdmin.USERNAME, auth.authMe(null).getUsername());

        String title = "Generated client " + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse<PostView> created =
                posts.postsCreateWithHttpInfo(
                        new PostInput()
                                .title(title)
                                .body("<p>Hello from a generated client</p>")
                                .status(PostInput.StatusEnum.PUBLISHED));
        assertEquals(201, created.getStatusCode());
        long id = created.getData().getId();
        assertEquals(title, created.getData().getTitle());
        assertEquals(1, created.getData().getVersion());
        assertEquals(TestAdmin.USERNAME, created.getData().getAuthor().getUsername());

        ApiResponse<PostView> read = posts.postsGetWithHttpInfo(id, null, null);
        assertEquals(200, read.getStatusCode());
        assertEquals(title, read.getData().getTitle());
        assertEquals(PostView.StatusEnum.PUBLISHED, read.getData().getStatus());
        String etag = header(read, "ETag");

        ApiResponse<PostView> updated =
                posts.postsPatchWithHttpInfo(id, new PostPatch().excerpt("Changed once"), etag);
        assertEquals(200, updated.getStatusCode());
        assertEquals("Changed once", updated.getData().getExcerpt());
        assertEquals(2, updated.getData().getVersion());
        assertNotEquals(etag, header(updated, "ETag"));

        ApiException stale =
                assertThrows(
                        ApiException.class,
                        () ->
                                posts.postsPatchWithHttpInfo(
                                        id,
                                        new PostPatch().excerpt("Changed on a stale copy"),
                                        etag));
        assertEquals(409, stale.getCode());
        assertTrue(
                stale.getResponseHeaders()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"),
                stale.getResponseHeaders().map().toString());
        VersionConflict conflict =
                client.getObjectMapper().readValue(stale.getResponseBody(), VersionConflict.class);
        assertEquals(409, conflict.getStatus());
        assertEquals("Version conflict", conflict.getError());
        assertEquals("Resource has been modified by another user", conflict.getMessage());
        assertEquals(2L, conflict.getCurrentVersion());
        assertEquals(
                "Changed once",
                posts.postsGet(id, null, null).getExcerpt(),
                "the stale write wrote nothing");

        posts.postsDelete(id, header(updated, "ETag"));
        auth.authLogout();
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .flatMap(List::stream)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + name + " in " + response.getHeaders()));
    }
}
