package io.berth.engine.logs;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Tells one container's live readers ({@link LogPump}s) that its json-file log grew or that the current
 * run's output is complete. The hub is open while a run may produce output (from creation, and again from
 * each start) and closed when a run's output is complete; a listener that arrives while it is closed is told
 * so at once.
 *
 * <p>The hub carries no data: readers read the json-file log themselves, each at its own pace, so a slow
 * client never makes the engine buffer output in memory. The follower appends under the hub's lock
 * ({@link #publish}); a reader that notes the file's size under the same lock ({@link #subscribe}) therefore
 * misses and doubles nothing.
 */
public final class LogHub {
    private static final Logger LOG = LogManager.getLogger(LogHub.class);

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Listener> waiting = new ArrayList<>();
    private boolean open = true;
    private boolean removed;
    private final Object rotationLock = new Object();

    /**
     * @return the lock a rotation of the container's log files holds while it renames them, and a reader while
     *     it opens them ({@link RotatingLog}, {@link LogRotation})
     */
    public Object rotationLock() {
        return rotationLock;
    }

    /** A live reader. Calls come from the follower's or the exit handler's thread; they must not block. */
    public interface Listener {
        /** Entries were appended to the json-file log. */
        void onAppended();

        /** The run's output is complete: everything is in the file, nothing more will be appended. */
        void onClosed();
    }

    /** A live subscription; {@link #close()} unsubscribes (idempotent, no {@code onClosed}). */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code atomically} (e.g. noting the log's size) and subscribes, atomically with respect to
     * {@link #publish}; if the hub is closed the listener is told so at once instead.
     *
     * @param listener the listener
     * @param atomically run under the hub's lock before subscribing
     * @return the subscription
     */
    public Subscription subscribe(Listener listener, Runnable atomically) {
        synchronized (this) {
            atomically.run();
            if (open) {
                listeners.add(listener);
                return () -> remove(listener);
            }
        }
        listener.onClosed();
        return () -> { };
    }

    /**
     * Like {@link #subscribe}, but a listener that arrives while the hub is closed waits for the next run
     * (Docker's attach to a stopped container, e.g. {@code docker start -a}: it gets the output of the run the
     * client starts next) and is ended when that run ends, or when the container is removed.
     *
     * @param listener the listener
     * @param atomically run under the hub's lock before subscribing
     * @return the subscription
     */
    public Subscription subscribeNextRun(Listener listener, Runnable atomically) {
        synchronized (this) {
            atomically.run();
            if (!removed) {
                (open ? listeners : waiting).add(listener);
                return () -> remove(listener);
            }
        }
        listener.onClosed();
        return () -> { };
    }

    /**
     * Runs {@code append} (writing entries to the json-file log) under the lock, then tells every listener.
     * A listener that throws is dropped.
     *
     * @param append the file append
     */
    public void publish(Runnable append) {
        List<Listener> now;
        synchronized (this) {
            append.run();
            now = new ArrayList<>(listeners);
        }
        for (Listener l : now) {
            try {
                l.onAppended();
            } catch (RuntimeException ex) {
                LOG.debug("dropping log listener: {}", ex.toString());
                remove(l);
            }
        }
    }

    /** Closes the hub (the run's output is complete) and tells every listener. */
    public void close() {
        List<Listener> ending;
        synchronized (this) {
            open = false;
            ending = new ArrayList<>(listeners);
            listeners.clear();
        }
        for (Listener l : ending) {
            try {
                l.onClosed();
            } catch (RuntimeException ex) {
                LOG.debug("log listener failed to end: {}", ex.toString());
            }
        }
    }

    /** Opens the hub for a new run (listeners registered from now on, and those waiting for it, get its output). */
    public synchronized void reopen() {
        if (!removed) {
            open = true;
            listeners.addAll(waiting);
            waiting.clear();
        }
    }

    /** Closes the hub for good (the container is removed): ends every listener, waiting ones too. */
    public void closeForGood() {
        List<Listener> ending;
        synchronized (this) {
            removed = true;
            open = false;
            ending = new ArrayList<>(listeners);
            ending.addAll(waiting);
            listeners.clear();
            waiting.clear();
        }
        for (Listener l : ending) {
            try {
                l.onClosed();
            } catch (RuntimeException ex) {
                LOG.debug("log listener failed to end: {}", ex.toString());
            }
        }
    }

    /** @return true if open */
    public synchronized boolean isOpen() {
        return open;
    }

    /** @return the number of listeners, live or waiting for the next run */
    public synchronized int subscriberCount() {
        return listeners.size() + waiting.size();
    }

    private synchronized void remove(Listener l) {
        listeners.remove(l);
        waiting.remove(l);
    }
}
