package io.berth.engine.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * Serializes calls to a response observer that several threads use (the log follower, the exit
 * handler, the gRPC thread), and ignores calls after the stream ended or the client cancelled.
 *
 * @param <T> the message type
 */
final class SerializedObserver<T> {
    private final StreamObserver<T> delegate;
    private boolean done;

    /** @param delegate the call's response observer */
    SerializedObserver(StreamObserver<T> delegate) {
        this.delegate = delegate;
    }

    /** @param msg the next message (dropped after the end) */
    synchronized void next(T msg) {
        if (!done && !cancelled()) {
            delegate.onNext(msg);
        }
    }

    /** Completes the stream once. */
    synchronized void complete() {
        if (!done) {
            done = true;
            if (!cancelled()) {
                delegate.onCompleted();
            }
        }
    }

    /** @param t the error ending the stream once */
    synchronized void fail(Throwable t) {
        if (!done) {
            done = true;
            if (!cancelled()) {
                delegate.onError(t);
            }
        }
    }

    /**
     * gRPC flow control: false while the call's outbound buffer is full (or the stream ended).
     *
     * @return true if another message can be sent without piling up in memory
     */
    synchronized boolean isReady() {
        if (done) {
            return false;
        }
        return !(delegate instanceof ServerCallStreamObserver<?> s) || s.isReady();
    }

    private boolean cancelled() {
        return delegate instanceof ServerCallStreamObserver<?> s && s.isCancelled();
    }
}
