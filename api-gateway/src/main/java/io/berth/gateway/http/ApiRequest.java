package io.berth.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * A Docker Engine API request as a handler sees it.
 *
 * @param method the HTTP method
 * @param path the decoded path without the {@code /vX.Y} prefix
 * @param apiVersion the version from the prefix, or "1.41"
 * @param params path parameters of the matched route
 * @param query the query parameters
 * @param headers the request headers
 * @param body the aggregated body (empty for streamed bodies and requests without one)
 * @param bodyStream the streamed body for {@link BodyMode#STREAM} routes, else null
 */
public record ApiRequest(HttpMethod method, String path, String apiVersion, Map<String, String> params,
                         QueryParams query, HttpHeaders headers, byte[] body, RequestBodyStream bodyStream) {

    /**
     * A request for tests and internal use.
     *
     * @param method the method
     * @param path the unprefixed path
     * @param params path parameters
     * @param query query parameters
     * @param body the body bytes
     * @return the request, API version 1.41, with {@code Content-Type: application/json} when there is a body
     *     (as the docker CLI sends its JSON bodies) and no other header
     */
    public static ApiRequest of(HttpMethod method, String path, Map<String, String> params,
                                Map<String, List<String>> query, byte[] body) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (body != null && body.length > 0) {
            headers.set("Content-Type", "application/json");
        }
        return new ApiRequest(method, path, ResponseHeaders.API_VERSION, Map.copyOf(params), new QueryParams(query),
                headers, body == null ? new byte[0] : body, null);
    }

    /**
     * @param name a path parameter of the route template
     * @return its value
     * @throws InternalException if the route has no such parameter (a bug)
     */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new InternalException("route has no path parameter " + name);
        }
        return v;
    }

    /** @return the body parsed as JSON (a NullNode if empty); malformed JSON is a 400 */
    public JsonNode json() {
        return Json.parse(body);
    }

    /**
     * dockerd's {@code httputils.CheckForJSON} (moby 20.10 api/server/httputils), run by the routes that decode a
     * JSON body (container create, update, exec create, volume and network create): no {@code Content-Type} is
     * fine for an empty body; otherwise the media type must be {@code application/json} (parameters such as
     * {@code ; charset=utf-8} allowed).
     *
     * @throws io.berth.common.errors.InvalidArgumentException 400
     *     {@code Content-Type specified (text/plain) must be 'application/json'}
     */
    public void requireJsonContentType() {
        String ct = headers.get("Content-Type");
        if ((ct == null || ct.isEmpty()) && body.length == 0) {
            return;
        }
        String media = ct == null ? "" : ct.split(";", 2)[0].strip();
        if (!"application/json".equalsIgnoreCase(media)) {
            throw new io.berth.common.errors.InvalidArgumentException(
                    "Content-Type specified (" + (ct == null ? "" : ct) + ") must be 'application/json'");
        }
    }
}
