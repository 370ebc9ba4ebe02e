package io.ansaf;

import io.ansaf.http.JsonInput;
import jakarta.annotation.Nullable;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * OpenAPI schemas built from our view and input records exactly as JSON-B and {@link JsonInput}
 * treat them: snake_case names, integers as integers, instants as date-time strings, nested records
 * by reference.
 *
 * <p>Views list every property as required (they are always written) except those in their static
 * {@code OPTIONAL} set, are {@code nullable} only where the component is {@link Nullable}, and take
 * the {@code enumeration} of a MicroProfile {@code @Schema} on a component. Inputs list their
 * static {@code REQUIRED} keys, take their constraints from the Bean Validation annotations that
 * {@link JsonInput} enforces ({@code @Size} as lengths, a {@code @Pattern} of plain alternatives as
 * an enum, any other as an anchored pattern), and are nullable where no {@code @NotNull} or
 * {@code @NotBlank} forbids it. {@link #patchOf} is the same input with nothing required, for
 * {@code PATCH}. Inputs refuse unknown keys ({@code additionalProperties: false}, as {@link
 * JsonInput} does) but name the view's read-only keys of their static {@code READ_ONLY} set as
 * {@code readOnly} properties of any type: a DRF client may send a whole object back, and those
 * keys are accepted and ignored.
 *
 * <p>A {@code @Pattern} with Unicode classes ({@code \p{Ll}}) is not an ECMA-262 pattern without
 * the {@code u} flag, which OpenAPI 3.0 tools do not set: the document then carries the
 * constraint's message as the description instead, and the server keeps its Java check.
 */
final class RecordSchemas {
    private static final java.util.regex.Pattern ALTERNATIVES =
            java.util.regex.Pattern.compile("[a-z_]+(\\|[a-z_]+)*");

    private RecordSchemas() {}

    static Schema of(Class<?> type) {
        return of(type, isInput(type) ? staticSet(type, "REQUIRED") : null);
    }

    /** The input {@code type} as a {@code PATCH} body: the same properties, none required. */
    static Schema patchOf(Class<?> type) {
        return of(type, Set.of());
    }

    static boolean isInput(Class<?> type) {
        return type.getSimpleName().endsWith("Input");
    }

    /** {@code inputRequired} is null for a view. */
    private static Schema of(Class<?> type, Set<String> inputRequired) {
        boolean input = inputRequired != null;
        Set<String> optional = input ? Set.of() : staticSet(type, "OPTIONAL");
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            // Not in the JSON (a view's version when only its ETag carries it).
            if (c.getAccessor().isAnnotationPresent(JsonbTransient.class)) continue;
            String name = JsonInput.snake(c.getName());
            Schema property = property(c.getGenericType());
            if (input) {
                // Bean Validation annotations cannot target record components: they land on the
                // field.
                AnnotatedElement constrained = field(type, c.getName());
                constrain(property, constrained);
                if (!c.getType().isPrimitive()
                        && !constrained.isAnnotationPresent(NotNull.class)
                        && !constrained.isAnnotationPresent(NotBlank.class)) {
                    nullable(property);
                }
                if (inputRequired.contains(name)) required.add(name);
            } else {
                org.eclipse.microprofile.openapi.annotations.media.Schema declared =
                        field(type, c.getName())
                                .getAnnotation(
                                        org.eclipse.microprofile.openapi.annotations.media.Schema
                                                .class);
                if (declared != null && declared.enumeration().length > 0) {
                    property.enumeration(new ArrayList<>(Arrays.asList(declared.enumeration())));
                }
                if (c.isAnnotationPresent(Nullable.class)) {
                    // An inline copy, not allOf [$ref]: validators check null against the
                    // referenced
                    // object schema inside allOf, and OpenAPI 3.0 ignores nullable beside a $ref.
                    if (property.getRef() != null && c.getType().isRecord())
                        property = of(c.getType(), null);
                    nullable(property);
                }
                if (!optional.contains(name)) required.add(name);
            }
            schema.addProperty(name, property);
        }
        if (input) {
            for (String key : new java.util.TreeSet<>(staticSet(type, "READ_ONLY"))) {
                if (schema.getProperties().containsKey(key)) continue;
                schema.addProperty(
                        key,
                        OASFactory.createSchema()
                                .readOnly(true)
                                .description(
                                        "Read-only: accepted and ignored, so a representation can be sent back as it was read"));
            }
        }
        if (!required.isEmpty()) schema.required(required);
        if (input) schema.additionalPropertiesBoolean(false);
        return schema;
    }

    /** OpenAPI 3.0 ignores siblings of $ref, so a nullable reference is an allOf of it. */
    private static void nullable(Schema property) {
        if (property.getRef() != null) {
            String ref = property.getRef();
            property.setRef(null);
            property.addAllOf(OASFactory.createSchema().ref(ref));
        }
        property.nullable(true);
    }

    private static void constrain(Schema property, AnnotatedElement c) {
        Size size = c.getAnnotation(Size.class);
        if (size != null) {
            if (size.min() > 0) property.minLength(size.min());
            if (size.max() < Integer.MAX_VALUE) property.maxLength(size.max());
        }
        if (c.isAnnotationPresent(NotBlank.class) && property.getMinLength() == null)
            property.minLength(1);
        Pattern pattern = c.getAnnotation(Pattern.class);
        if (pattern != null) {
            if (ALTERNATIVES.matcher(pattern.regexp()).matches()) {
                property.enumeration(new ArrayList<>(Arrays.asList(pattern.regexp().split("\\|"))));
            } else if (!ecmaCompatible(pattern.regexp())) {
                property.description(
                        pattern.message()
                                + " Checked by the server with Unicode character classes (any script), which ECMA-262 patterns cannot express without the u flag.");
            } else {
                property.pattern("^(?:" + pattern.regexp() + ")$");
            }
        }
        if (c.isAnnotationPresent(Email.class)) property.format("email");
        Min min = c.getAnnotation(Min.class);
        if (min != null) property.minimum(BigDecimal.valueOf(min.value()));
        Max max = c.getAnnotation(Max.class);
        if (max != null) property.maximum(BigDecimal.valueOf(max.value()));
    }

    /**
     * Whether {@code regexp} means the same in ECMA-262 without the {@code u} flag (no Unicode
     * property classes).
     */
    static boolean ecmaCompatible(String regexp) {
        return !regexp.contains("\\p{") && !regexp.contains("\\P{");
    }

    private static Schema property(Type t) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema()
                        .type(Schema.SchemaType.ARRAY)
                        .items(property(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema()
                        .type(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(property(p.getActualTypeArguments()[1]));
            }
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        if (c == Long.class || c == long.class)
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        if (c == Integer.class || c == int.class)
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        if (c == Boolean.class || c == boolean.class)
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        if (c == Instant.class)
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        if (c.isRecord()) return OASFactory.createSchema().ref(c.getSimpleName());
        return OASFactory.createSchema();
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> staticSet(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            if (!Modifier.isStatic(f.getModifiers())) return Set.of();
            f.setAccessible(true);
            return (Set<String>) f.get(null);
        } catch (ReflectiveOperationException e) {
            return Set.of();
        }
    }
}
