package io.berth.gateway.testing;

import io.berth.gateway.grpc.BidiStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link BidiStream} whose responses the test feeds ({@link #respond}, {@link #complete}, {@link #fail})
 * and whose requests it records. {@link #next()} blocks like the real stream.
 */
public final class FakeBidiStream<Q, T> implements BidiStream<Q, T> {
    private static final Object END = new Object();

    public final List<Q> sent = new CopyOnWriteArrayList<>();
    public volatile boolean halfClosed;
    public volatile boolean closed;
    private final LinkedBlockingQueue<Object> responses = new LinkedBlockingQueue<>();
    private boolean finished;

    /** Queues responses. */
    @SafeVarargs
    public final FakeBidiStream<Q, T> respond(T... items) {
        for (T t : items) {
            responses.add(t);
        }
        return this;
    }

    /** Queues the normal end. */
    public FakeBidiStream<Q, T> complete() {
        responses.add(END);
        return this;
    }

    /** Queues an error. */
    public FakeBidiStream<Q, T> fail(RuntimeException e) {
        responses.add(e);
        return this;
    }

    @Override
    public void send(Q request) {
        sent.add(request);
    }

    @Override
    public void halfClose() {
        halfClosed = true;
    }

    @Override
    public void awaitReady() {
    }

    @Override
    public T next() throws InterruptedException {
        if (finished) {
            return null;
        }
        Object o = responses.take();
        if (o == END) {
            finished = true;
            return null;
        }
        if (o instanceof RuntimeException e) {
            finished = true;
            throw e;
        }
        @SuppressWarnings("unchecked")
        T t = (T) o;
        return t;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            responses.add(new io.berth.common.errors.InternalException("CANCELLED: closed by the gateway"));
        }
    }
}
