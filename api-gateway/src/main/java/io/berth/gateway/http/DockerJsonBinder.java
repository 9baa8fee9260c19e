package io.berth.gateway.http;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a request body to a Jackson record with the tolerance of dockerd's Go decoder
 * ({@code encoding/json}), for the JSON bodies of the Docker Engine API 1.41: field names match ignoring
 * case; a missing field and JSON {@code null} both leave the zero value (null for an object, a list, a
 * boxed number or a string; 0 or false for a primitive); unknown fields are ignored. Where Go refuses, so
 * does this: a value of the wrong JSON type (a string for a bool, a number for a string, 1.5 for an
 * integer, an object for an array) or a null inside an array or map is a 400
 * {@code "invalid JSON in request body: HostConfig.Mounts must be an array of objects, got object {...}"},
 * naming the field by its path and Docker's name. A list component annotated with
 * {@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)} also takes a single string (Docker's
 * {@code strslice.StrSlice}: Cmd, Entrypoint). Integers are range-checked first against their Go types
 * ({@link GoNumbers}: 2^64 into an int64 is Go's "json: cannot unmarshal number ..." 400, never wrapped).
 */
public final class DockerJsonBinder {
    private static final ObjectMapper MAPPER = create();

    private DockerJsonBinder() {
    }

    @SuppressWarnings("deprecation") // MapperFeature via configure(): Json.MAPPER is a plain ObjectMapper to copy
    private static ObjectMapper create() {
        ObjectMapper m = Json.MAPPER.copy()
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        return m;
    }

    /**
     * @param body the parsed request body (a JSON object)
     * @param type the record to bind it to
     * @param <T> the record type
     * @return the bound record
     * @throws InvalidArgumentException (400) for a value of the wrong JSON type, naming the field
     */
    public static <T> T bind(JsonNode body, Class<T> type) {
        GoNumbers.check(body, type);
        try {
            return MAPPER.treeToValue(body, type);
        } catch (MismatchedInputException e) {
            throw wrongType(body, type, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidArgumentException("invalid JSON in request body: " + e.getMessage(), e);
        }
    }

    /** @return the 400 naming the field at the exception's path, what it must be and what it was */
    private static InvalidArgumentException wrongType(JsonNode body, Class<?> root, MismatchedInputException e) {
        StringBuilder name = new StringBuilder();
        Type type = root;
        RecordComponent component = null;
        JsonNode got = body;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                String field = r.getFieldName();
                Class<?> raw = raw(type);
                RecordComponent c = raw.isRecord() ? component(raw, field) : null;
                name.append(name.length() == 0 ? "" : ".").append(c != null ? jsonName(c) : field);
                component = c;
                type = c != null ? c.getGenericType() : Map.class.isAssignableFrom(raw) ? argument(type, 1)
                        : Object.class;
                got = got == null ? null : c != null ? getIgnoreCase(got, field) : got.get(field);
            } else if (r.getIndex() >= 0 && (got == null || got.isArray())) { // not a single value read as [v]
                name.append('[').append(r.getIndex()).append(']');
                component = null;
                type = argument(type, 0);
                got = got == null ? null : got.get(r.getIndex());
            }
        }
        String what = got == null ? "" : got.isNull() ? ", got null"
                : ", got " + got.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + got;
        return new InvalidArgumentException("invalid JSON in request body: "
                + (name.length() == 0 ? "the body" : name) + " must be " + describe(type, component) + what, e);
    }

    /** @return Go's words for what a value of this type is: "a string", "an array of objects", ... */
    private static String describe(Type type, RecordComponent component) {
        Class<?> raw = raw(type);
        if (List.class.isAssignableFrom(raw)) {
            String items = plural(raw(argument(type, 0)));
            JsonFormat f = component == null ? null : component.getAccessor().getAnnotation(JsonFormat.class);
            boolean single = f != null
                    && Arrays.asList(f.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
            return single ? "a string or an array of " + items : "an array of " + items;
        }
        if (raw == String.class) {
            return "a string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "a boolean";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "an integer";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "an object";
        }
        return "a JSON value";
    }

    private static String plural(Class<?> item) {
        if (item == String.class) {
            return "strings";
        }
        return Map.class.isAssignableFrom(item) || item.isRecord() ? "objects" : "values";
    }

    static RecordComponent component(Class<?> record, String field) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (jsonName(c).equalsIgnoreCase(field)) {
                return c;
            }
        }
        return null;
    }

    static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class); // record annotations land on the accessor
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }

    private static JsonNode getIgnoreCase(JsonNode obj, String field) {
        if (!obj.isObject()) {
            return null;
        }
        if (obj.has(field)) {
            return obj.get(field);
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(field)) {
                return obj.get(f);
            }
        }
        return null;
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    static Type argument(Type t, int i) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            return p.getActualTypeArguments()[i];
        }
        return Object.class;
    }
}
