package io.berth.gateway.http;

import io.berth.gateway.BuildInfo;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers dockerd 20.10 puts on every response (Docker Engine API 1.41): {@code Api-Version},
 * {@code Docker-Experimental}, {@code Ostype} and {@code Server}, plus the API version constants the
 * gateway implements.
 */
public final class ResponseHeaders {
    /** The API version the gateway implements and reports ({@code Api-Version} header, /version ApiVersion). */
    public static final String API_VERSION = "1.41";
    /** The oldest API version accepted in a {@code /vX.Y} prefix (as dockerd 20.10). */
    public static final String MIN_API_VERSION = "1.12";
    /** The {@code Server} header value, e.g. "berth/0.1.0 (linux)". */
    public static final String SERVER = "berth/" + BuildInfo.VERSION + " (linux)";

    private ResponseHeaders() {
    }

    /**
     * Adds the standard headers to a response.
     *
     * @param headers the response headers to complete
     * @return the same headers
     */
    public static HttpHeaders apply(HttpHeaders headers) {
        headers.set("Api-Version", API_VERSION);
        headers.set("Docker-Experimental", "false");
        headers.set("Ostype", "linux");
        headers.set("Server", SERVER);
        return headers;
    }
}
