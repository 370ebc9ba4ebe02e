package io.ansaf.http;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * OpenAPI schemas built from our view and input records exactly as JSON-B and {@link JsonInput}
 * treat them: snake_case names, integers as integers, instants as date-time strings, nested
 * records by reference. Views list every property as required (they are always written, null
 * or not); inputs list their {@code REQUIRED} keys and mark {@code READ_ONLY} ones nowhere, as
 * clients may send them back and they are ignored.
 */
final class RecordSchemas {
    private RecordSchemas() {}

    static Schema of(Class<?> type) {
        boolean input = type.getSimpleName().endsWith("Input");
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        List<String> required = new ArrayList<>();
        Set<String> inputRequired = input ? staticSet(type, "REQUIRED") : Set.of();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = JsonInput.snake(c.getName());
            Schema property = property(c.getGenericType());
            if (!c.getType().isPrimitive() && !name.equals("id") && !name.equals("results") && !name.equals("count")) {
                property.nullable(true);
            }
            schema.addProperty(name, property);
            if (input ? inputRequired.contains(name) : true) required.add(name);
        }
        schema.required(required);
        if (input) schema.additionalPropertiesBoolean(false);
        return schema;
    }

    private static Schema property(Type t) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(property(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(property(p.getActualTypeArguments()[1]));
            }
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        if (c == Long.class || c == long.class) return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        if (c == Integer.class || c == int.class) return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        if (c == Boolean.class || c == boolean.class) return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        if (c == Instant.class) return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        if (c.isRecord()) return OASFactory.createSchema().ref(c.getSimpleName());
        return OASFactory.createSchema();
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
