package io.ansaf.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a request's JSON object into an input record ({@code PostInput}, {@code UserInput}, ...)
 * the way the contract asks: snake_case keys, unknown keys refused, read-only keys ignored, a wrong
 * type named by its field, then Bean Validation on the record, with every problem of every field
 * reported at once in one {@code 400}. {@link #merge} gives PATCH the same rules by laying the
 * patch over the stored state before reading.
 */
@ApplicationScoped
public class JsonInput {
    @Inject Validator validator;

    /** Reads {@code body} into {@code type}; keys in {@code readOnly} are accepted and ignored. */
    public <R extends Record> R read(JsonObject body, Class<R> type, Set<String> readOnly) {
        return read(body, type, readOnly, new TreeMap<>());
    }

    private <R extends Record> R read(
            JsonObject body,
            Class<R> type,
            Set<String> readOnly,
            Map<String, List<String>> errors) {
        if (body == null) throw ProblemException.badRequest("A JSON object is required.");
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byJsonName = new LinkedHashMap<>();
        for (RecordComponent c : components) byJsonName.put(snake(c.getName()), c);

        for (String key : body.keySet()) {
            if (!byJsonName.containsKey(key) && !readOnly.contains(key)) {
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add("Unknown field.");
            }
        }
        Set<String> badTypes = new java.util.HashSet<>();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int i = 0;
        for (Map.Entry<String, RecordComponent> e : byJsonName.entrySet()) {
            RecordComponent c = e.getValue();
            types[i] = c.getType();
            JsonValue v = body.get(e.getKey());
            try {
                values[i] = convert(v, c.getType());
            } catch (IllegalArgumentException bad) {
                errors.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(bad.getMessage());
                badTypes.add(e.getKey());
                values[i] = defaultOf(c.getType());
            }
            i++;
        }
        R record = construct(type, types, values);
        for (ConstraintViolation<R> v : validator.validate(record)) {
            String field = snake(v.getPropertyPath().toString());
            if (!badTypes.contains(field) && !isRequiredError(errors.get(field))) {
                List<String> messages = errors.computeIfAbsent(field, k -> new ArrayList<>());
                if (!messages.contains(v.getMessage())) messages.add(v.getMessage());
            }
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        return record;
    }

    /** The stored state as input JSON, with the patch's keys laid over it, then read as usual. */
    public <R extends Record> R merge(R current, JsonObject patch, Set<String> readOnly) {
        return merge(current, patch, readOnly, Set.of());
    }

    /**
     * As {@link #merge(Record, JsonObject, Set)}, and every key of {@code required} must be in the
     * patch itself (creating, or replacing with PUT): a missing one is "This field is required.".
     */
    public <R extends Record> R merge(
            R current, JsonObject patch, Set<String> readOnly, Set<String> required) {
        if (patch == null) throw ProblemException.badRequest("A JSON object is required.");
        Map<String, List<String>> errors = new TreeMap<>();
        for (String key : required) {
            if (!patch.containsKey(key))
                errors.put(key, new ArrayList<>(List.of("This field is required.")));
        }
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) current.getClass();
        JsonObjectBuilder merged = Jsonp.PROVIDER.createObjectBuilder();
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                merged.add(snake(c.getName()), toJson(c.getAccessor().invoke(current)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        patch.forEach(merged::add);
        return read(merged.build(), type, readOnly, errors);
    }

    private static boolean isRequiredError(List<String> messages) {
        return messages != null && messages.contains("This field is required.");
    }

    /**
     * The fields a write's body sets: its keys but the read-only ones (which are ignored), or none
     * for a body that is not an object (refused later with a 400).
     */
    public static Set<String> sentFields(JsonObject body, Set<String> readOnly) {
        if (body == null) return Set.of();
        Set<String> sent = new java.util.TreeSet<>(body.keySet());
        sent.removeAll(readOnly);
        return sent;
    }

    public static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static Object convert(JsonValue v, Class<?> type) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (type.isPrimitive())
                throw new IllegalArgumentException("This field may not be null.");
            return null;
        }
        if (type == JsonValue.class) return v;
        if (type == String.class) {
            if (v instanceof JsonString s) return s.getString();
            throw new IllegalArgumentException("Not a valid string.");
        }
        if (type == Boolean.class || type == boolean.class) {
            if (v == JsonValue.TRUE) return true;
            if (v == JsonValue.FALSE) return false;
            throw new IllegalArgumentException("Must be a valid boolean.");
        }
        if (type == Long.class
                || type == long.class
                || type == Integer.class
                || type == int.class) {
            if (!(v instanceof JsonNumber n) || !n.isIntegral())
                throw new IllegalArgumentException("A valid integer is required.");
            BigDecimal d = n.bigDecimalValue();
            try {
                return type == Long.class || type == long.class
                        ? d.longValueExact()
                        : d.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("A valid integer is required.");
            }
        }
        throw new IllegalStateException("Unsupported input type " + type);
    }

    private static JsonValue toJson(Object o) {
        if (o == null) return JsonValue.NULL;
        if (o instanceof JsonValue j) return j;
        if (o instanceof String s) return Jsonp.PROVIDER.createValue(s);
        if (o instanceof Boolean b) return b ? JsonValue.TRUE : JsonValue.FALSE;
        if (o instanceof Long l) return Jsonp.PROVIDER.createValue(l);
        if (o instanceof Integer n) return Jsonp.PROVIDER.createValue(n);
        throw new IllegalStateException("Unsupported input value " + o.getClass());
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        return null;
    }

    private static <R> R construct(Class<R> type, Class<?>[] types, Object[] values) {
        try {
            Constructor<R> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName(), e);
        }
    }
}
