package io.berth.gateway.http;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.types.v1.Filters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query string of a Docker Engine API request, read with dockerd's rules (API 1.41, moby
 * {@code httputils.BoolValue}): a boolean that is empty, "0", "no", "false" or "none" (any case) is false,
 * anything else true, and an absent one takes the handler's default. Only the first value of a repeated
 * parameter counts.
 */
public final class QueryParams {
    private final Map<String, List<String>> params;

    /** @param params decoded parameters, e.g. from Netty's {@code QueryStringDecoder.parameters()} */
    public QueryParams(Map<String, List<String>> params) {
        this.params = Map.copyOf(params);
    }

    /**
     * @param name the parameter name
     * @return true if the parameter is present (even with an empty value)
     */
    public boolean has(String name) {
        return params.containsKey(name);
    }

    /**
     * @param name the parameter name
     * @return its first value, or null if absent
     */
    public String get(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * @param name the parameter name
     * @return every value it was given, in order (empty if absent), e.g. docker import's repeated
     *     {@code changes=}
     */
    public List<String> all(String name) {
        return params.getOrDefault(name, List.of());
    }

    /**
     * @param name the parameter name
     * @param fallback the value if absent
     * @return its first value, or {@code fallback}
     */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /**
     * @param name the parameter name
     * @param fallback the value if absent
     * @return the boolean by dockerd's rule
     */
    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        String v = get(name, "").trim().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
    }

    /**
     * @param name the parameter name
     * @param fallback the value if absent or empty
     * @return the integer value
     * @throws InvalidArgumentException (400) if the value is not an integer
     */
    public long integer(String name, long fallback) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid value for " + name + ": " + v + " is not an integer", e);
        }
    }

    /**
     * Go's {@code strconv.Atoi} of a parameter, as dockerd parses {@code h} and {@code w} of a resize: an
     * optional sign and decimal digits, nothing else (an absent parameter is the empty string).
     *
     * @param name the parameter name
     * @return the value (Go's int is 64-bit here)
     * @throws InvalidArgumentException (400) with Go's text: {@code strconv.Atoi: parsing "<v>": invalid
     *     syntax}, or {@code ... value out of range}
     */
    public long atoi(String name) {
        String v = get(name, "");
        if (!v.matches("[+-]?[0-9]+")) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + v + "\": value out of range", e);
        }
    }

    /**
     * The {@code filters} parameter in either JSON shape (see {@link FiltersParser}).
     *
     * @return the filters (empty if absent)
     * @throws InvalidArgumentException (400) if it is not valid filter JSON
     */
    public Filters filters() {
        return FiltersParser.parse(get("filters"));
    }
}
