/**
 * berth's api-gateway: serves the Docker Engine API 1.41 over HTTP/1.1 on unix sockets and translates each
 * call into gRPC calls to the engine (berth.engine.v1), storage (berth.storage.v1) and monitor
 * (berth.monitor.v1) services. {@link io.berth.gateway.GatewayMain} starts it, {@link io.berth.gateway.GatewayModule}
 * wires it. Layout: {@code http/} (Netty server, dispatch, versions, errors, hijack), {@code grpc/} (client
 * streams with flow control), {@code router/<resource>/} (route tables, handlers named as in moby, narrow
 * backends and their gRPC implementations), {@code types/<resource>/} (Docker's JSON shapes), {@code host/}
 * (what {@code GET /info} and {@code GET /version} measure on the host and in the gateway itself).
 */
package io.berth.gateway;
