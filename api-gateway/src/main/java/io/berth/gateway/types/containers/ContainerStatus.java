package io.berth.gateway.types.containers;

import com.google.protobuf.Timestamp;
import io.berth.proto.engine.v1.ContainerState;
import java.time.Duration;
import java.time.Instant;

/**
 * The human Status text of Docker Engine API 1.41 {@code GET /containers/json} (moby
 * {@code container.State.String()}): "Up 3 seconds", "Up 1 minute (healthy)", "Up 4 seconds (health: starting)",
 * "Up 2 minutes (Paused)", "Restarting (1) 5 seconds ago",
 * "Removal In Progress", "Dead", "Created", "Exited (3) 2 minutes ago".
 */
public final class ContainerStatus {
    private ContainerStatus() {
    }

    /**
     * @param s the container's state
     * @param now the current time
     * @return the status text
     */
    public static String of(ContainerState s, Instant now) {
        if (s.getRunning() || s.getPaused()) {
            if (s.getPaused()) {
                return "Up " + since(s.getStartedAt(), now) + " (Paused)";
            }
            if (s.getRestarting()) {
                return "Restarting (" + s.getExitCode() + ") " + since(s.getFinishedAt(), now) + " ago";
            }
            if (s.hasHealth()) {
                String h = s.getHealth().getStatus();
                return "Up " + since(s.getStartedAt(), now) + " (" + (h.equals("starting") ? "health: starting" : h)
                        + ")";
            }
            return "Up " + since(s.getStartedAt(), now);
        }
        if (s.getStatus().equals("removing")) {
            return "Removal In Progress";
        }
        if (s.getDead()) {
            return "Dead";
        }
        if (isUnset(s.getStartedAt())) {
            return "Created";
        }
        if (isUnset(s.getFinishedAt())) {
            return "";
        }
        return "Exited (" + s.getExitCode() + ") " + since(s.getFinishedAt(), now) + " ago";
    }

    private static String since(Timestamp t, Instant now) {
        return HumanDuration.of(Duration.between(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), now));
    }

    private static boolean isUnset(Timestamp t) {
        return t.getSeconds() == 0 && t.getNanos() == 0;
    }
}
