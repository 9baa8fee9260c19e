package io.berth.gateway.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Go type of a numeric field of a Docker API body when it is not what the Java type implies
 * ({@code long} is Go's {@code int64}, {@code int} Go's {@code int}): {@code "uint16"}, {@code "uint32"},
 * {@code "uint64"}, {@code "int"}. {@link GoNumbers} range-checks the JSON number against it and names it in
 * Go's error text, as dockerd's {@code encoding/json} decoder does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface GoType {
    /** @return the Go type name: int, int64, uint16, uint32 or uint64 */
    String value();
}
