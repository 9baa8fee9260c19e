package io.berth.engine.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A client-side observer for the engine's gRPC tests that puts everything it gets into one queue, in order:
 * each response message, the {@link Throwable} of {@code onError}, or the string {@code "completed"}. Its
 * {@link #requests()} completes with the call's request observer (for flow control and half-close) before
 * the call starts.
 *
 * @param <Q> the request message type
 * @param <R> the response message type
 */
final class QueueingObserver<Q, R> implements ClientResponseObserver<Q, R> {
    private final BlockingQueue<Object> got;
    private final CompletableFuture<ClientCallStreamObserver<Q>> requests = new CompletableFuture<>();

    /** @param got where responses, errors and {@code "completed"} go */
    QueueingObserver(BlockingQueue<Object> got) {
        this.got = got;
    }

    /** @return the call's request side, once the call has started */
    CompletableFuture<ClientCallStreamObserver<Q>> requests() {
        return requests;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        requests.complete(requestStream);
    }

    @Override
    public void onNext(R value) {
        got.add(value);
    }

    @Override
    public void onError(Throwable t) {
        got.add(t);
    }

    @Override
    public void onCompleted() {
        got.add("completed");
    }
}
