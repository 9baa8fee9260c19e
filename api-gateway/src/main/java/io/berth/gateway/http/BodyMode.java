package io.berth.gateway.http;

/** How the dispatcher delivers a route's request body to its handler. */
public enum BodyMode {
    /** Collect the whole body (up to {@link DispatchHandler#MAX_AGGREGATED_BODY} bytes) before the handler runs. */
    AGGREGATE,
    /** Start the handler at once and hand it the body as a {@link RequestBodyStream} (image uploads). */
    STREAM
}
