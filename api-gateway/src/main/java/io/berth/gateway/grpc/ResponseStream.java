package io.berth.gateway.grpc;

import io.berth.common.errors.BerthException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The responses of a server-streaming gRPC call, read one at a time by a blocking worker thread with flow
 * control (the next message is requested only after the previous one was taken, so a slow HTTP client slows
 * the gRPC stream instead of filling memory).
 *
 * @param <T> the response message type
 */
public interface ResponseStream<T> extends AutoCloseable {
    /**
     * Waits for the next message.
     *
     * @return the message, or null when the stream ended normally
     * @throws InterruptedException if interrupted while waiting
     * @throws BerthException the peer's error, in its category (e.g. NotFoundException)
     */
    T next() throws InterruptedException;

    /**
     * @return true if {@link #next()} would return at once (a message or the end is already here); callers
     *     use it to batch what is already available into one write
     */
    default boolean hasBuffered() {
        return false;
    }

    /** Cancels the call if it is still running (the HTTP client went away). Idempotent; never throws. */
    @Override
    void close();

    /**
     * A finished stream of fixed messages (tests, and answers known without a call).
     *
     * @param items the messages
     * @param <T> the message type
     * @return the stream
     */
    @SafeVarargs
    static <T> ResponseStream<T> of(T... items) {
        List<T> list = new ArrayList<>(items.length);
        for (T t : items) {
            list.add(t);
        }
        return of(list, null);
    }

    /**
     * A stream of fixed messages that ends with an error, or normally if {@code error} is null.
     *
     * @param items the messages
     * @param error thrown by {@link #next()} after the messages, or null
     * @param <T> the message type
     * @return the stream
     */
    static <T> ResponseStream<T> of(List<T> items, RuntimeException error) {
        Deque<T> queue = new ArrayDeque<>(items);
        return new ResponseStream<>() {
            @Override
            public T next() {
                if (!queue.isEmpty()) {
                    return queue.poll();
                }
                if (error != null) {
                    throw error;
                }
                return null;
            }

            @Override
            public void close() {
                queue.clear();
            }
        };
    }
}
