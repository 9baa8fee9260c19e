package io.berth.engine.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Fans one container's output out to its live subscribers. The hub is open while a run may produce
 * output (from creation, and again from each start) and closed when a run's output is complete; a
 * subscriber that arrives while it is closed is ended at once.
 *
 * <p>The follower appends to the json-file log and publishes under the hub's lock ({@link #publish}); a
 * reader that replays the file and then subscribes under the same lock ({@link #subscribeAfter}) therefore
 * sees every entry exactly once.
 */
public final class LogHub {
    private static final Logger LOG = LogManager.getLogger(LogHub.class);

    private final List<LogSubscriber> subscribers = new ArrayList<>();
    private boolean open = true;

    /** A live subscription; {@link #close()} unsubscribes (idempotent, no {@code onEnd}). */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Subscribes; if the hub is closed the subscriber is ended at once.
     *
     * @param subscriber the subscriber
     * @return the subscription
     */
    public Subscription subscribe(LogSubscriber subscriber) {
        return subscribeAfter(() -> null, subscriber);
    }

    /**
     * Runs {@code replay} and subscribes, atomically with respect to {@link #publish}.
     *
     * @param replay e.g. sending the entries already in the json-file log
     * @param subscriber the subscriber
     * @return the subscription
     */
    public synchronized Subscription subscribeAfter(Supplier<?> replay, LogSubscriber subscriber) {
        replay.get();
        if (!open) {
            subscriber.onEnd();
            return () -> { };
        }
        subscribers.add(subscriber);
        return () -> remove(subscriber);
    }

    /**
     * Runs {@code append} (writing the entries to the json-file log), then hands each entry to every
     * subscriber. A subscriber that throws is dropped.
     *
     * @param entries the new entries
     * @param append the file append to run under the lock first
     */
    public synchronized void publish(List<LogEntry> entries, Runnable append) {
        append.run();
        for (LogSubscriber s : new ArrayList<>(subscribers)) {
            try {
                for (LogEntry e : entries) {
                    s.onEntry(e);
                }
            } catch (RuntimeException ex) {
                LOG.debug("dropping log subscriber: {}", ex.toString());
                subscribers.remove(s);
            }
        }
    }

    /** Ends every subscriber and closes the hub (the run's output is complete). */
    public synchronized void close() {
        open = false;
        List<LogSubscriber> ending = new ArrayList<>(subscribers);
        subscribers.clear();
        for (LogSubscriber s : ending) {
            try {
                s.onEnd();
            } catch (RuntimeException ex) {
                LOG.debug("log subscriber failed to end: {}", ex.toString());
            }
        }
    }

    /** Opens the hub for a new run (subscribers registered from now on wait for output). */
    public synchronized void reopen() {
        open = true;
    }

    /** @return true if open */
    public synchronized boolean isOpen() {
        return open;
    }

    /** @return the number of live subscribers */
    public synchronized int subscriberCount() {
        return subscribers.size();
    }

    private synchronized void remove(LogSubscriber s) {
        subscribers.remove(s);
    }
}
