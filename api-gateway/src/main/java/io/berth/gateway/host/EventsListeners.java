package io.berth.gateway.host;

import io.berth.gateway.grpc.ResponseStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The number of {@code GET /events} streams open right now (Docker Engine API 1.41 {@code GET /info}
 * NEventsListener, dockerd's events subscriber count). One instance per gateway; the events backend wraps
 * each subscription with {@link #track(ResponseStream)}.
 */
public final class EventsListeners {
    private final AtomicInteger open = new AtomicInteger();

    /** @return the number of tracked streams not yet closed */
    public int count() {
        return open.get();
    }

    /**
     * Counts a subscription until its first {@link ResponseStream#close()} (close is idempotent, so closing it
     * again, as both the client-gone hook and the handler's finally do, counts once).
     *
     * @param stream an open events subscription
     * @param <T> the message type
     * @return the same stream, counted while open
     */
    public <T> ResponseStream<T> track(ResponseStream<T> stream) {
        open.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return new ResponseStream<>() {
            @Override
            public T next() throws InterruptedException {
                return stream.next();
            }

            @Override
            public boolean hasBuffered() {
                return stream.hasBuffered();
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    open.decrementAndGet();
                }
                stream.close();
            }
        };
    }
}
