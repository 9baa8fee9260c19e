package io.berth.engine.container;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One container as the running engine holds it: its persisted {@link ContainerRecord} plus the live parts
 * that are not persisted (the lock serializing lifecycle operations, the pending waits, the exit of the
 * current run). Its output hub and its attach clients' stdin are kept above, in
 * {@code io.berth.engine.io.ContainerIo}.
 *
 * <p>Lifecycle changes ({@link #update}) happen with {@link #lock()} held; readers just take
 * {@link #record()}, which is always a consistent snapshot.
 */
public final class Container {
    private final ReentrantLock lock = new ReentrantLock();
    private final Waiters waiters = new Waiters();
    private final AtomicBoolean removing = new AtomicBoolean();
    private final AtomicBoolean exitClaimed = new AtomicBoolean();
    private volatile ContainerRecord record;
    private final CompletableFuture<Void> removed = new CompletableFuture<>();
    private volatile CompletableFuture<Integer> exit;
    private final RestartBackoff backoff = new RestartBackoff();
    private Future<?> pendingRestart;

    /** @param record the container's record */
    public Container(ContainerRecord record) {
        this.record = record;
        this.exit = CompletableFuture.completedFuture(record.state().exitCode());
    }

    /** @return the container ID (64 hex digits) */
    public String id() {
        return record.id();
    }

    /** @return the current record */
    public ContainerRecord record() {
        return record;
    }

    /** @return the lock serializing start, stop, exit handling and removal */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * Replaces the record; the caller holds {@link #lock()} and persists the result.
     *
     * @param change the change
     * @return the new record
     */
    public ContainerRecord update(UnaryOperator<ContainerRecord> change) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("container lock not held");
        }
        record = change.apply(record);
        return record;
    }

    /** @return the pending waits */
    public Waiters waiters() {
        return waiters;
    }

    /**
     * A new run begins: resets the exit claim and returns the future its exit will complete.
     *
     * @return the future completed with the exit code once the exit is recorded
     */
    public CompletableFuture<Integer> beginRun() {
        exitClaimed.set(false);
        exit = new CompletableFuture<>();
        return exit;
    }

    /** @return the future of the current (or last) run's exit code; already done if not running */
    public CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    /** @return true for the one caller that gets to handle the current run's exit */
    public boolean claimExit() {
        return exitClaimed.compareAndSet(false, true);
    }

    /** @return true for the one caller that gets to remove the container */
    public boolean claimRemoval() {
        return removing.compareAndSet(false, true);
    }

    /** @return true once removal has begun */
    public boolean isRemoving() {
        return removing.get();
    }

    /** Gives up a removal claimed with {@link #claimRemoval()} that failed (the container stays). */
    public void abortRemoval() {
        removing.set(false);
    }

    /** @return the future completed once the container has been removed */
    public CompletableFuture<Void> removedFuture() {
        return removed;
    }

    /** @return the restart policy's back-off (use with {@link #lock()} held) */
    public RestartBackoff restartBackoff() {
        return backoff;
    }

    /**
     * Remembers the scheduled restart of a restarting container (with {@link #lock()} held).
     *
     * @param restart the scheduled task
     */
    public void pendingRestart(Future<?> restart) {
        pendingRestart = restart;
    }

    /**
     * Cancels the scheduled restart, if any (with {@link #lock()} held).
     *
     * @return true if one was pending
     */
    public boolean cancelRestart() {
        Future<?> f = pendingRestart;
        pendingRestart = null;
        return f != null && f.cancel(false);
    }
}
