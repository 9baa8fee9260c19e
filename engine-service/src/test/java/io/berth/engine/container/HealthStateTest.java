package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthStateTest {
    private static HealthState.Result result(int code, int n) {
        return new HealthState.Result(Instant.ofEpochSecond(n), Instant.ofEpochSecond(n + 1), code, "r" + n);
    }

    @Test
    void record_asMobyHandleProbeResult() {
        HealthState h = HealthState.starting();
        h = h.record(result(1, 0), 2, true);
        assertEquals("starting 0", h.status() + " " + h.failingStreak(), "failures in the start period do not count");
        h = h.record(result(1, 1), 2, false);
        assertEquals("starting 1", h.status() + " " + h.failingStreak());
        h = h.record(result(0, 2), 2, false);
        assertEquals("healthy 0", h.status() + " " + h.failingStreak());
        h = h.record(result(1, 3), 2, true);
        assertEquals("healthy 1", h.status() + " " + h.failingStreak(), "the start period only spares starting");
        h = h.record(result(-1, 4), 2, false);
        assertEquals("unhealthy 2", h.status() + " " + h.failingStreak());
        h = h.record(result(1, 5), 2, false);
        assertEquals(5, h.log().size());
        assertEquals("r1", h.log().get(0).output(), "the oldest results are dropped");
        assertEquals("starting 0 5", h.restarted().status() + " " + h.restarted().failingStreak() + " "
                + h.restarted().log().size());
        assertEquals("unhealthy", h.record(result(0, 6), 2, false).stopped().status());
    }

    @Test
    void containerState_carriesHealthAndOom_throughRestarting() {
        ContainerState s = ContainerState.created().running(1, 2, Instant.EPOCH).withHealth(HealthState.starting());
        ContainerState r = s.restarting(137, Instant.EPOCH, true);
        assertEquals("restarting true true unhealthy", r.status() + " " + r.isRunningOrRestarting() + " "
                + r.oomKilled() + " " + r.health().status());
        ContainerState again = r.running(3, 4, Instant.EPOCH);
        assertEquals("running false starting", again.status() + " " + again.oomKilled() + " " + again.health().status());
        ContainerState ended = r.withManuallyStopped(true).restartEnded("");
        assertEquals("exited 137 true", ended.status() + " " + ended.exitCode() + " " + ended.manuallyStopped());
    }
}
