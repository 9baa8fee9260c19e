package io.berth.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of request JSON fields with dockerd's decoding rules (Go's encoding/json): field names match
 * case-insensitively; {@code null}, a missing field and the zero value all mean "default"; a value of the
 * wrong type is a 400 naming the field.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /**
     * @param obj an object node (or null/missing)
     * @param name the field name, matched exactly first, then ignoring case
     * @return the field's node, or null if absent or JSON null
     */
    public static JsonNode get(JsonNode obj, String name) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode v = obj.get(name);
        if (v == null) {
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equalsIgnoreCase(name)) {
                    v = obj.get(f);
                    break;
                }
            }
        }
        return v == null || v.isNull() ? null : v;
    }

    /** @return the string value, "" if absent; 400 if not a string */
    public static String string(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string", v);
        }
        return v.asText();
    }

    /** @return the boolean value, false if absent; 400 if not a boolean */
    public static boolean bool(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean", v);
        }
        return v.asBoolean();
    }

    /** @return the integer value, 0 if absent; 400 if not an integer */
    public static long integer(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber()) {
            throw wrongType(name, "an integer", v);
        }
        return v.asLong();
    }

    /** @return the object node, or null if absent; 400 if not an object */
    public static JsonNode object(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v != null && !v.isObject()) {
            throw wrongType(name, "an object", v);
        }
        return v;
    }

    /**
     * A Go {@code []string}.
     *
     * @return the strings, or null if absent (nil); 400 if not an array of strings
     */
    public static List<String> strings(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings", v);
        }
        return stringItems(name, v);
    }

    /**
     * Docker's {@code strslice.StrSlice}: an array of strings or a single string (one element).
     *
     * @return the strings, or null if absent (nil); 400 otherwise
     */
    public static List<String> strSlice(JsonNode obj, String name) {
        JsonNode v = get(obj, name);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw wrongType(name, "a string or an array of strings", v);
        }
        return stringItems(name, v);
    }

    /** @return a {@code map[string]string}, empty if absent; 400 if values are not strings */
    public static Map<String, String> stringMap(JsonNode obj, String name) {
        JsonNode v = object(obj, name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw wrongType(name + "." + e.getKey(), "a string", e.getValue());
                }
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** @return the keys of a {@code map[string]struct{}} (ExposedPorts, Volumes), empty if absent */
    public static List<String> keys(JsonNode obj, String name) {
        JsonNode v = object(obj, name);
        List<String> out = new ArrayList<>();
        if (v != null) {
            v.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> stringItems(String name, JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings", array);
            }
            out.add(item.asText());
        }
        return out;
    }

    private static InvalidArgumentException wrongType(String name, String expected, JsonNode got) {
        return new InvalidArgumentException("invalid JSON in request body: " + name + " must be " + expected
                + ", got " + got.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + got);
    }
}
