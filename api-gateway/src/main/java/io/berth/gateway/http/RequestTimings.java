package io.berth.gateway.http;

/**
 * Where the dispatcher reports each routed request's duration (for the monitor's
 * {@code engine_daemon_api_request_duration_seconds}; see {@code grpc/MonitorRequestTimings}). Called on the
 * connection's event loop: must not block.
 */
public interface RequestTimings {
    /** Reports nothing (tests, and a gateway without a monitor). */
    RequestTimings NONE = (method, endpoint, nanos) -> { };

    /**
     * @param method the HTTP method ("GET")
     * @param endpoint the route's template without the version prefix ("/containers/{id}/json")
     * @param durationNanos from the request's headers to the end of its response (a stream's whole life), in
     *     nanoseconds
     */
    void record(String method, String endpoint, long durationNanos);
}
