package io.ansaf;

import java.util.List;
import java.util.Map;

/**
 * Schemas that exist only for the OpenAPI document: the problem bodies every error response
 * carries. {@link ApiDocsFilter} attaches them, with the shared headers, to every operation.
 */
public final class ApiDocs {
    private ApiDocs() {}

    /** RFC 9457 problem details. */
    public record Problem(String type, String title, int status, String detail) {}

    /** A 400 with every invalid field and its messages. */
    public record ValidationProblem(
            String type,
            String title,
            int status,
            String detail,
            Map<String, List<String>> errors) {
        /** A body that is not a JSON object at all is a 400 without field errors. */
        static final java.util.Set<String> OPTIONAL = java.util.Set.of("errors");
    }

    /** The 409 of a stale If-Match or a lost optimistic-locking race. */
    public record VersionConflict(
            String type,
            String title,
            int status,
            String detail,
            String error,
            String message,
            long currentVersion,
            java.util.List<String> changedFields,
            java.util.List<String> conflictingFields) {
        /**
         * Only when If-Match named an older version still kept (revisions): what changed since, and
         * which of those the request sends too.
         */
        static final java.util.Set<String> OPTIONAL =
                java.util.Set.of("changed_fields", "conflicting_fields");
    }
}
