package io.berth.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Range-checks the integers of a Docker API body against the Go types dockerd decodes them into, before the
 * body is bound: a JSON number that does not fit (2^64 into an {@code int64}, -1 into a {@code uint16}) is a
 * 400 with Go {@code encoding/json}'s text, {@code json: cannot unmarshal number 18446744073709551616 into Go
 * struct field HostConfig.Memory of type int64}, never a value wrapped into another limit. The Go type is
 * {@link GoType} where given, else {@code int64} for {@code long}/{@code Long} and {@code int} for
 * {@code int}/{@code Integer} (checked against Java's 32 bits); the struct is {@link GoStruct} or the
 * record's simple name. Field names match ignoring case, as in Go. Non-integral numbers are left to the
 * binder.
 */
public final class GoNumbers {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoNumbers() {
    }

    /**
     * @param body the request body
     * @param record the record it binds to
     * @throws InvalidArgumentException (400) with Go's text for the first number out of its type's range
     */
    public static void check(JsonNode body, Class<?> record) {
        checkRecord(body, record);
    }

    private static void checkRecord(JsonNode obj, Class<?> record) {
        if (obj == null || !obj.isObject() || !record.isRecord()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            RecordComponent c = DockerJsonBinder.component(record, e.getKey());
            if (c != null) {
                checkValue(e.getValue(), c.getGenericType(), c, record);
            }
        }
    }

    private static void checkValue(JsonNode v, Type type, RecordComponent c, Class<?> record) {
        if (v == null || v.isNull()) {
            return;
        }
        Class<?> raw = DockerJsonBinder.raw(type);
        if (v.isIntegralNumber()) {
            String goType = goType(c, raw);
            if (goType != null && !fits(v.bigIntegerValue(), goType)) {
                GoStruct s = record.getAnnotation(GoStruct.class);
                throw new InvalidArgumentException("json: cannot unmarshal number " + v.bigIntegerValue()
                        + " into Go struct field " + (s != null ? s.value() : record.getSimpleName()) + "."
                        + DockerJsonBinder.jsonName(c) + " of type " + goType);
            }
        } else if (v.isArray() && List.class.isAssignableFrom(raw)) {
            Type item = DockerJsonBinder.argument(type, 0);
            v.forEach(x -> checkValue(x, item, c, record));
        } else if (v.isObject() && raw.isRecord()) {
            checkRecord(v, raw);
        }
    }

    private static String goType(RecordComponent c, Class<?> raw) {
        GoType g = c.getAccessor().getAnnotation(GoType.class);
        if (g == null) {
            g = c.getAnnotation(GoType.class);
        }
        if (g != null) {
            return g.value();
        }
        if (raw == long.class || raw == Long.class) {
            return "int64";
        }
        if (raw == int.class || raw == Integer.class) {
            return "int";
        }
        return null;
    }

    /** @return true if n fits the Go type (int is checked as Java's int, the type it is bound to) */
    static boolean fits(BigInteger n, String goType) {
        return switch (goType) {
            case "int64" -> n.bitLength() < 64;
            case "int", "int32" -> n.bitLength() < 32;
            case "uint16" -> n.signum() >= 0 && n.bitLength() <= 16;
            case "uint32" -> n.signum() >= 0 && n.bitLength() <= 32;
            case "uint64", "uint" -> n.signum() >= 0 && n.compareTo(UINT64_MAX) <= 0; // uint: 64 bits on amd64/arm64
            default -> true;
        };
    }
}
