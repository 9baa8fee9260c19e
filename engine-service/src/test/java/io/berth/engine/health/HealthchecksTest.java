package io.berth.engine.health;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.Healthcheck;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthchecksTest {
    private static ContainerConfig with(String... test) {
        return ContainerConfig.newBuilder().setHealthcheck(Healthcheck.newBuilder().addAllTest(List.of(test))).build();
    }

    @Test
    void command_cmdShellNoneAndUnknown() {
        assertEquals(Optional.of(List.of("/bin/sh", "-c", "curl -f x")), Healthchecks.command(with("CMD-SHELL",
                "curl -f x")));
        assertEquals(Optional.of(List.of("true", "a")), Healthchecks.command(with("CMD", "true", "a")));
        assertEquals(Optional.empty(), Healthchecks.command(with("NONE")));
        assertEquals(Optional.empty(), Healthchecks.command(with("WHAT", "x")));
        assertEquals(Optional.empty(), Healthchecks.command(ContainerConfig.getDefaultInstance()));
    }

    @Test
    void defaults_asDockerd() {
        Healthcheck none = Healthcheck.getDefaultInstance();
        assertEquals(30_000_000_000L, Healthchecks.intervalNanos(none));
        assertEquals(30_000_000_000L, Healthchecks.timeoutNanos(none));
        assertEquals(3, Healthchecks.retries(none));
    }

    @Test
    void validate_dockerdsMessages() {
        assertDoesNotThrow(() -> Healthchecks.validate(Healthcheck.newBuilder().setIntervalNanos(1_000_000).build()));
        assertEquals("Interval in Healthcheck cannot be less than 1ms", assertThrows(InvalidArgumentException.class,
                () -> Healthchecks.validate(Healthcheck.newBuilder().setIntervalNanos(999).build())).getMessage());
        assertEquals("Retries in Healthcheck cannot be negative", assertThrows(InvalidArgumentException.class,
                () -> Healthchecks.validate(Healthcheck.newBuilder().setRetries(-1).build())).getMessage());
        assertEquals("StartPeriod in Healthcheck cannot be less than 1ms", assertThrows(InvalidArgumentException.class,
                () -> Healthchecks.validate(Healthcheck.newBuilder().setStartPeriodNanos(5).build())).getMessage());
    }

    @Test
    void goDuration_asGo() {
        assertEquals("30s", Healthchecks.goDuration(30_000_000_000L));
        assertEquals("500ms", Healthchecks.goDuration(500_000_000L));
        assertEquals("1m30s", Healthchecks.goDuration(90_000_000_000L));
        assertEquals("1h0m0s", Healthchecks.goDuration(3_600_000_000_000L));
        assertEquals("1.5s", Healthchecks.goDuration(1_500_000_000L));
    }
}
