package io.berth.engine.exec;

import io.berth.common.errors.NotFoundException;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The engine's exec instances, in memory as dockerd keeps them (its {@code execCommands}; an engine restart
 * forgets them, as a dockerd restart does). Looked up by exact ID only. A finished exec stays
 * inspectable until dockerd's clean-up drops it: a pass every {@value #CLEANUP_MINUTES} minutes marks
 * finished execs removable ({@code CanRemove: true}) and drops those marked by the previous pass, so a
 * finished exec lives 5 to 10 minutes (moby 20.10 daemon/exec.go {@code execCommandGC}). Removing a
 * container drops all of its execs at once.
 */
@Singleton
public final class ExecStore implements AutoCloseable {
    /** Minutes between clean-up passes. */
    public static final int CLEANUP_MINUTES = 5;

    private final Map<String, ExecRecord> execs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exec-cleanup");
        t.setDaemon(true);
        return t;
    });

    /** Schedules the clean-up passes. */
    public ExecStore() {
        cleanup.scheduleWithFixedDelay(this::cleanupPass, CLEANUP_MINUTES, CLEANUP_MINUTES, TimeUnit.MINUTES);
    }

    /** @param r a new exec */
    public void add(ExecRecord r) {
        execs.put(r.id(), r);
    }

    /**
     * @param id the exact exec ID
     * @return the exec
     * @throws NotFoundException "No such exec instance: <id>"
     */
    public ExecRecord get(String id) {
        ExecRecord r = id == null ? null : execs.get(id);
        if (r == null) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return r;
    }

    /** @return every exec, in no order */
    public List<ExecRecord> all() {
        return List.copyOf(execs.values());
    }

    /**
     * Docker's container {@code ExecIDs} (dockerd 20.10 keeps an exec in its container's list from create until
     * it exits).
     *
     * @param containerId the container's full ID
     * @return the IDs of its execs that have not finished, oldest first
     */
    public List<String> activeIds(String containerId) {
        return execs.values().stream().filter(r -> r.containerId().equals(containerId) && !r.finished())
                .sorted(Comparator.comparingLong(ExecRecord::createdNanos)).map(ExecRecord::id).toList();
    }

    /** @return the number of execs kept */
    public int size() {
        return execs.size();
    }

    /**
     * Drops every exec of a removed container.
     *
     * @param containerId the container's full ID
     */
    public void removeContainer(String containerId) {
        execs.values().removeIf(r -> r.containerId().equals(containerId));
    }

    /**
     * One clean-up pass: drops the execs marked by the previous pass, marks the finished ones.
     *
     * @param live execs still live (not finished, container present); others get marked
     */
    void cleanupPass(Predicate<ExecRecord> live) {
        execs.values().removeIf(ExecRecord::canRemove);
        for (ExecRecord r : execs.values()) {
            if (!live.test(r)) {
                r.markRemovable();
            }
        }
    }

    private void cleanupPass() {
        cleanupPass(r -> !r.finished());
    }

    /** Stops the clean-up passes. */
    @Override
    public void close() {
        cleanup.shutdownNow();
    }
}
