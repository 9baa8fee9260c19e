/**
 * gRPC client plumbing of the gateway: the channels to the three services, blocking calls that keep the
 * peer's error category ({@link io.berth.gateway.grpc.ServiceCall}), and server/bidirectional streams read by
 * blocking worker threads with flow control ({@link io.berth.gateway.grpc.GrpcStream}).
 */
package io.berth.gateway.grpc;
