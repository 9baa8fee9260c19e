package io.berth.gateway.http;

/**
 * One Docker Engine API endpoint. Runs on a gateway worker thread (never the event loop), may block on
 * gRPC calls, and must have answered through the {@link HttpExchange} when it returns: a full response,
 * a chunked one (ended automatically if the handler forgot), or a hijacked stream. A thrown exception
 * becomes an error response through {@link ErrorResponses} if nothing was sent yet.
 */
@FunctionalInterface
public interface Handler {
    /**
     * @param request the parsed request
     * @param exchange where the answer goes
     * @throws Exception any error; {@link io.berth.common.errors.BerthException}s keep their HTTP status
     */
    void handle(ApiRequest request, HttpExchange exchange) throws Exception;
}
