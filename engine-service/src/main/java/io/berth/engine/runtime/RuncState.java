package io.berth.engine.runtime;

/**
 * What {@code runc state} reports about a container (OCI runtime spec runtime.md#state).
 *
 * @param status "creating", "created", "running", "paused" or "stopped"
 * @param pid host PID of the init process (0 when stopped)
 */
public record RuncState(String status, int pid) {
    /** @return true if the container's process is alive (created, running or paused) */
    public boolean isAlive() {
        return "running".equals(status) || "created".equals(status) || "paused".equals(status);
    }
}
