/**
 * The HTTP side of the gateway: the epoll unix-socket server ({@link io.berth.gateway.http.GatewayServer}),
 * the pipeline ({@link io.berth.gateway.http.GatewayChannelInitializer}), per-connection dispatch to worker
 * threads ({@link io.berth.gateway.http.DispatchHandler}), the {@code /vX.Y} prefix
 * ({@link io.berth.gateway.http.ApiVersion}), the only place error bodies are built
 * ({@link io.berth.gateway.http.ErrorResponses}), and the exchange handlers answer through: full, chunked or
 * hijacked ({@link io.berth.gateway.http.HttpExchange}).
 */
package io.berth.gateway.http;
