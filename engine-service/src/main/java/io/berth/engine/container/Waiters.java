package io.berth.engine.container;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pending waits on one container (Docker's {@code /containers/{id}/wait}). A waiter is completed once,
 * with the exit code: by {@link #completeExit} (conditions not-running and next-exit) or by
 * {@link #completeRemoved} (every remaining waiter, including "removed"). A cancelled call unregisters with
 * {@link Registration#cancel()}. Thread-safe; callbacks run outside the lock.
 */
public final class Waiters {
    /**
     * The outcome of a wait.
     *
     * @param statusCode the container's exit code
     * @param error a wait error (Docker's Error.Message), "" if none
     */
    public record Result(int statusCode, String error) {
    }

    /** A registered waiter; {@link #cancel()} removes it (idempotent). */
    public interface Registration {
        /** Removes the waiter; its callback will not run. */
        void cancel();
    }

    private record Entry(WaitCondition condition, Consumer<Result> callback) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Registers a waiter.
     *
     * @param condition when it should complete
     * @param callback receives the result once
     * @return the registration, to cancel it
     */
    public synchronized Registration add(WaitCondition condition, Consumer<Result> callback) {
        Entry e = new Entry(condition, callback);
        entries.add(e);
        return () -> remove(e);
    }

    /** @return the number of pending waiters */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * The container exited: completes the not-running and next-exit waiters.
     *
     * @param exitCode the exit code
     */
    public void completeExit(int exitCode) {
        complete(take(false), new Result(exitCode, ""));
    }

    /**
     * The container was removed: completes every remaining waiter.
     *
     * @param exitCode the last exit code
     */
    public void completeRemoved(int exitCode) {
        complete(take(true), new Result(exitCode, ""));
    }

    private synchronized List<Entry> take(boolean all) {
        List<Entry> out = new ArrayList<>();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (all || e.condition() != WaitCondition.REMOVED) {
                out.add(e);
                it.remove();
            }
        }
        return out;
    }

    private synchronized void remove(Entry e) {
        entries.removeIf(x -> x == e);
    }

    private static void complete(List<Entry> list, Result r) {
        for (Entry e : list) {
            e.callback().accept(r);
        }
    }
}
