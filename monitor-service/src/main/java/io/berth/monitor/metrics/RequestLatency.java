package io.berth.monitor.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Docker API request latencies, one histogram series per method and endpoint:
 * {@code engine_daemon_api_request_duration_seconds{method="GET",endpoint="/containers/{id}/json"}}, in
 * seconds, buckets 1 ms to 10 s. The gateway measures each request (from its first byte to the end of its
 * response) and reports the timings to the monitor over gRPC ({@code berth.monitor.v1.Requests}), so that
 * one scrape target holds everything; the endpoint is the route's template, never the raw path, so that
 * container IDs do not become series.
 */
public final class RequestLatency {
    /** The histogram's name (the text format adds _bucket, _sum and _count). */
    public static final String NAME = "engine_daemon_api_request_duration_seconds";

    private final Histogram histogram;

    /** @param registry where the histogram is registered */
    public RequestLatency(PrometheusRegistry registry) {
        histogram = Histogram.builder().name(NAME)
                .help("Docker API request duration in seconds, by method and endpoint (route template)")
                .labelNames("method", "endpoint")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
    }

    /**
     * @param method the HTTP method
     * @param endpoint the route's template
     * @param durationNanos how long the request took, in nanoseconds
     */
    public void observe(String method, String endpoint, long durationNanos) {
        histogram.labelValues(method, endpoint).observe(durationNanos / 1e9);
    }
}
