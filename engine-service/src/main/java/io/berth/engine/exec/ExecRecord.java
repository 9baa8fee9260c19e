package io.berth.engine.exec;

import java.util.OptionalInt;

/**
 * One exec instance (Docker's exec, Engine API 1.41 {@code ExecInspect}): its settings and its run state,
 * which moves created → running → exited once (an exec cannot be started twice). Thread-safe.
 */
public final class ExecRecord {
    private final String id;
    private final String containerId;
    private final ExecConfig config;
    private final long createdNanos = System.nanoTime();
    private boolean running;
    private Integer exitCode;
    private int pid;
    private boolean canRemove;
    private boolean started;
    private ExecProcess process;

    /**
     * @param id 64 hex digits
     * @param containerId the container's full ID
     * @param config the settings
     */
    public ExecRecord(String id, String containerId, ExecConfig config) {
        this.id = id;
        this.containerId = containerId;
        this.config = config;
    }

    /** @return the exec ID */
    public String id() {
        return id;
    }

    /** @return the container's full ID */
    public String containerId() {
        return containerId;
    }

    /** @return when the record was made, as {@link System#nanoTime()} (for ordering only) */
    public long createdNanos() {
        return createdNanos;
    }

    /** @return the settings */
    public ExecConfig config() {
        return config;
    }

    /**
     * Claims the one start of this exec.
     *
     * @return null if claimed; else dockerd's conflict text ("has already run" / "is already running")
     */
    public synchronized String claimStart() {
        if (exitCode != null) {
            return "Error: Exec command " + id + " has already run";
        }
        if (running || started) {
            return "Error: Exec command " + id + " is already running";
        }
        started = true;
        running = true;
        return null;
    }

    /**
     * The process runs.
     *
     * @param hostPid its host PID
     * @param p its monitor
     */
    public synchronized void started(int hostPid, ExecProcess p) {
        this.pid = hostPid;
        this.process = p;
    }

    /**
     * The process exited, or its start failed (dockerd records 126 then).
     *
     * @param code the exit code
     */
    public synchronized void exited(int code) {
        if (exitCode == null) {
            exitCode = code;
        }
        running = false;
        process = null;
    }

    /** @return true while started and not yet exited */
    public synchronized boolean running() {
        return running;
    }

    /** @return the exit code once exited */
    public synchronized OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** @return the host PID (0 before start) */
    public synchronized int pid() {
        return pid;
    }

    /** @return the running process's monitor, or null */
    public synchronized ExecProcess process() {
        return process;
    }

    /** @return dockerd's CanRemove: set by the clean-up pass after the exec finished */
    public synchronized boolean canRemove() {
        return canRemove;
    }

    /** Marks it removable at the next clean-up pass (dockerd's execCommandGC first pass). */
    public synchronized void markRemovable() {
        canRemove = true;
    }

    /** @return true if it was started and has finished (or its start failed) */
    public synchronized boolean finished() {
        return exitCode != null;
    }
}
