package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR deployed by Arquillian into a Payara Micro it manages (not our launcher), at a
 * context root of its choosing: proves the archive itself is complete and self-configuring.
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianDeploymentIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "ansaf.war")
                .importFrom(new File(System.getProperty("ansaf.war", "target/ansaf.war")))
                .as(WebArchive.class);
    }

    @ArquillianResource URL base;

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deployedWar_servesTheApi_withHibernateAsProvider() throws Exception {
        URI api = base.toURI();
        HttpResponse<String> posts = get(api.resolve("api/v1/blogs/posts/"));
        assertEquals(200, posts.statusCode(), posts.body());
        assertTrue(posts.body().contains("\"results\""), posts.body());
        HttpResponse<String> ready = get(api.resolve("/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("org.hibernate"), ready.body());
        HttpResponse<String> missing = get(api.resolve("api/v1/blogs/posts/999999/"));
        assertEquals(404, missing.statusCode());
        assertTrue(
                missing.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"));
    }
}
