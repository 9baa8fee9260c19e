package io.berth.gateway.testing;

import io.berth.gateway.http.ApiRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ApiRequest}s for router tests. */
public final class Requests {
    private final HttpMethod method;
    private final String path;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Requests(HttpMethod method, String path) {
        this.method = method;
        this.path = path;
    }

    public static Requests get(String path) {
        return new Requests(HttpMethod.GET, path);
    }

    public static Requests post(String path) {
        return new Requests(HttpMethod.POST, path);
    }

    public static Requests delete(String path) {
        return new Requests(HttpMethod.DELETE, path);
    }

    public Requests param(String name, String value) {
        params.put(name, value);
        return this;
    }

    public Requests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    public Requests body(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Adds a request header (besides the Content-Type a JSON body gets). */
    public Requests header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiRequest build() {
        ApiRequest r = ApiRequest.of(method, path, params, query, body);
        headers.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }
}
