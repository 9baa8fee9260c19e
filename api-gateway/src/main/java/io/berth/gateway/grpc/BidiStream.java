package io.berth.gateway.grpc;

/**
 * A bidirectional gRPC call as the gateway drives it: requests are sent with {@link #send} (from any one
 * thread at a time), responses read with {@link #next()}.
 *
 * @param <Q> the request message type
 * @param <T> the response message type
 */
public interface BidiStream<Q, T> extends ResponseStream<T> {
    /**
     * Sends one request. Never blocks (gRPC buffers); large uploads call {@link #awaitReady()} first. Requests
     * sent after the call ended are dropped.
     *
     * @param request the message
     */
    void send(Q request);

    /** Tells the peer that no more requests follow. */
    void halfClose();

    /**
     * Waits until the transport can take another request without buffering (gRPC's {@code isReady}), or the
     * call has ended.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitReady() throws InterruptedException;
}
