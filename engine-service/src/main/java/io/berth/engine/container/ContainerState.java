package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.errors.ConflictException;
import java.time.Instant;

/**
 * Docker's ContainerState (Engine API 1.41), immutable; each lifecycle step makes a new one:
 * {@link #created()} → {@link #running} → {@link #exited} (or {@link #restarting}, then {@link #running} again
 * when the restart policy starts it) → {@link #running} ... A failed start keeps the status and records
 * {@link #withStartError}.
 *
 * @param status "created", "running", "paused" (frozen; dockerd's State.Running stays true), "restarting",
 *     "exited" (also "removing", "dead" later)
 * @param pid host PID of the container's init process, 0 when not running
 * @param exitCode exit code of the last run (128+signal when killed, 255 when unknown)
 * @param error the last start error, "" if none
 * @param startedAt start of the last run, {@code null} if never started
 * @param finishedAt end of the last run, {@code null} if never finished
 * @param conmonPid host PID of the conmon monitoring the current run, 0 when none (berth only)
 * @param oomKilled the last run's process was killed by the kernel's OOM killer (Docker's OOMKilled)
 * @param manuallyStopped stopped or killed through the API since its last start by the user (dockerd's
 *     HasBeenManuallyStopped): the restart policy does not restart it, "unless-stopped" not even at the next
 *     engine start
 * @param health the healthcheck's state while the container has one and has run (Docker's State.Health),
 *     {@code null} otherwise
 */
public record ContainerState(
        @JsonProperty("Status") String status,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") Instant startedAt,
        @JsonProperty("FinishedAt") Instant finishedAt,
        @JsonProperty("ConmonPid") int conmonPid,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("HasBeenManuallyStopped") boolean manuallyStopped,
        @JsonProperty("Health") @JsonInclude(JsonInclude.Include.NON_NULL) HealthState health) {

    /** Status of a container that was never started. */
    public static final String CREATED = "created";
    /** Status of a running container. */
    public static final String RUNNING = "running";
    /** Status of a container whose process has exited. */
    public static final String EXITED = "exited";
    /** Status of a container whose process exited and that its restart policy starts again after a delay. */
    public static final String RESTARTING = "restarting";

    /** Status of a running container whose processes are frozen ({@code docker pause}). */
    public static final String PAUSED = "paused";

    /** Normalizes a null error to "". */
    public ContainerState {
        error = error == null ? "" : error;
    }

    /** @return the state of a new container */
    public static ContainerState created() {
        return new ContainerState(CREATED, 0, 0, "", null, null, 0, false, false, null);
    }

    /** @return true if the container's process is running, paused or not (dockerd's State.Running) */
    @JsonProperty("Running")
    public boolean isRunning() {
        return RUNNING.equals(status) || PAUSED.equals(status);
    }

    /** @return true if the container's processes are frozen (dockerd's State.Paused) */
    @JsonProperty("Paused")
    public boolean isPaused() {
        return PAUSED.equals(status);
    }

    /**
     * The container's processes were frozen ({@code runc pause}).
     *
     * @return the paused state
     * @throws ConflictException if it is not running or paused already
     */
    public ContainerState paused() {
        if (!RUNNING.equals(status)) {
            throw new ConflictException("container is not running or already paused");
        }
        return withStatus(PAUSED);
    }

    /**
     * The container's processes were thawed ({@code runc resume}).
     *
     * @return the running state
     * @throws ConflictException if it is not paused
     */
    public ContainerState unpaused() {
        if (!isPaused()) {
            throw new ConflictException("container is not paused");
        }
        return withStatus(RUNNING);
    }

    private ContainerState withStatus(String s) {
        return new ContainerState(s, pid, exitCode, error, startedAt, finishedAt, conmonPid, oomKilled,
                manuallyStopped, health);
    }

    /** @return true while the restart policy waits to start the container again (no process runs) */
    @JsonIgnore
    public boolean isRestarting() {
        return RESTARTING.equals(status);
    }

    /**
     * @return true if running or restarting: what dockerd calls running for stop, kill, rm and {@code ps}
     *     (dockerd's State.Running is true while restarting)
     */
    @JsonIgnore
    public boolean isRunningOrRestarting() {
        return isRunning() || isRestarting();
    }

    /** @return true if the container was never started (or its first start failed) */
    @JsonIgnore
    public boolean isCreated() {
        return CREATED.equals(status);
    }

    /**
     * The container's process started.
     *
     * @param pid host PID of its init process
     * @param conmonPid host PID of conmon
     * @param at when it started
     * @return the running state (error, exit code and OOMKilled cleared; the health state starts again)
     * @throws ConflictException if it is running already
     */
    public ContainerState running(int pid, int conmonPid, Instant at) {
        if (isRunning()) {
            throw new ConflictException("container is already running");
        }
        return new ContainerState(RUNNING, pid, 0, "", at, finishedAt, conmonPid, false, manuallyStopped,
                health == null ? null : health.restarted());
    }

    /**
     * The container's process exited, not killed for memory.
     *
     * @param code its exit code
     * @param at when it exited
     * @return the exited state (pid cleared)
     * @throws ConflictException if it was not running
     */
    public ContainerState exited(int code, Instant at) {
        return exited(code, at, false);
    }

    /**
     * The container's process exited.
     *
     * @param code its exit code
     * @param at when it exited
     * @param oom the kernel's OOM killer killed a process of it
     * @return the exited state (pid cleared)
     * @throws ConflictException if it was not running
     */
    public ContainerState exited(int code, Instant at, boolean oom) {
        if (!isRunning()) {
            throw new ConflictException("container is not running");
        }
        return new ContainerState(EXITED, 0, code, error, startedAt, at, 0, oom, manuallyStopped, stoppedHealth());
    }

    /**
     * The container's process exited and the restart policy will start it again (dockerd's SetRestarting).
     *
     * @param code its exit code
     * @param at when it exited
     * @param oom the kernel's OOM killer killed a process of it
     * @return the restarting state (pid cleared)
     * @throws ConflictException if it was not running
     */
    public ContainerState restarting(int code, Instant at, boolean oom) {
        if (!isRunning()) {
            throw new ConflictException("container is not running");
        }
        return new ContainerState(RESTARTING, 0, code, error, startedAt, at, 0, oom, manuallyStopped,
                stoppedHealth());
    }

    /**
     * A pending restart was cancelled or failed: the container stays stopped with its last exit.
     *
     * @param startError the failed restart's error, or "" when it was cancelled
     * @return the exited state
     */
    public ContainerState restartEnded(String startError) {
        return new ContainerState(EXITED, 0, exitCode, startError, startedAt, finishedAt, 0, oomKilled,
                manuallyStopped, health);
    }

    /**
     * A start attempt failed: the status stays, the error and Docker's exit code are recorded.
     *
     * @param message the error shown as State.Error
     * @param code 127 (command not found), 126 (not executable) or 128 (other), as dockerd sets
     * @return the state with the error
     */
    public ContainerState withStartError(String message, int code) {
        return new ContainerState(status, 0, code, message, startedAt, finishedAt, 0, oomKilled, manuallyStopped,
                health);
    }

    /**
     * @param stopped the new HasBeenManuallyStopped
     * @return a copy with it
     */
    public ContainerState withManuallyStopped(boolean stopped) {
        return new ContainerState(status, pid, exitCode, error, startedAt, finishedAt, conmonPid, oomKilled, stopped,
                health);
    }

    /**
     * @return a copy with status "removing", as inspect shows a stopped container whose removal is under way
     *     (moby's {@code State.StateString}); never stored
     */
    public ContainerState removing() {
        return withStatus("removing");
    }

    /**
     * @param h the new health state (null: no healthcheck)
     * @return a copy with it
     */
    public ContainerState withHealth(HealthState h) {
        return new ContainerState(status, pid, exitCode, error, startedAt, finishedAt, conmonPid, oomKilled,
                manuallyStopped, h);
    }

    /** dockerd sets a stopped container's health to "unhealthy" (state.go SetStopped / SetRestarting). */
    private HealthState stoppedHealth() {
        return health == null ? null : health.stopped();
    }
}
