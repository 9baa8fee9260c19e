package io.berth.gateway.types.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.berth.proto.engine.v1.ContainerState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerStatusTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static Timestamp ago(long seconds) {
        return Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - seconds).build();
    }

    @Test
    void of_running_isUpSinceStart() {
        ContainerState s = ContainerState.newBuilder().setStatus("running").setRunning(true).setStartedAt(ago(3)).build();
        assertEquals("Up 3 seconds", ContainerStatus.of(s, NOW));
    }

    @Test
    void of_paused_saysPaused() {
        ContainerState s = ContainerState.newBuilder().setStatus("paused").setRunning(true).setPaused(true)
                .setStartedAt(ago(120)).build();
        assertEquals("Up 2 minutes (Paused)", ContainerStatus.of(s, NOW));
    }

    @Test
    void of_exited_showsCodeAndAge() {
        ContainerState s = ContainerState.newBuilder().setStatus("exited").setExitCode(3)
                .setStartedAt(ago(200)).setFinishedAt(ago(120)).build();
        assertEquals("Exited (3) 2 minutes ago", ContainerStatus.of(s, NOW));
    }

    @Test
    void of_neverStarted_isCreated() {
        assertEquals("Created", ContainerStatus.of(ContainerState.newBuilder().setStatus("created").build(), NOW));
    }
}
