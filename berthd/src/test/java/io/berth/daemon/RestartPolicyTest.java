package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void onCrash_repeatedQuickCrashes_backOffThenGiveUp() {
        RestartPolicy p = new RestartPolicy(4, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(Optional.of(Duration.ofSeconds(1)), p.onCrash(T0));
        assertEquals(Optional.of(Duration.ofSeconds(2)), p.onCrash(T0.plusSeconds(2)));
        assertEquals(Optional.of(Duration.ofSeconds(4)), p.onCrash(T0.plusSeconds(5)));
        assertTrue(p.onCrash(T0.plusSeconds(10)).isEmpty());
    }

    @Test
    void onCrash_crashesOutsideTheWindow_areForgotten() {
        RestartPolicy p = new RestartPolicy(2, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(Optional.of(Duration.ofSeconds(1)), p.onCrash(T0));
        assertEquals(Optional.of(Duration.ofSeconds(1)), p.onCrash(T0.plusSeconds(300)));
        assertEquals(1, p.recentCrashes());
    }

    @Test
    void onCrash_backOff_isCapped() {
        RestartPolicy p = new RestartPolicy(100, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        Optional<Duration> last = Optional.empty();
        for (int i = 0; i < 10; i++) {
            last = p.onCrash(T0.plusSeconds(i));
        }
        assertEquals(Optional.of(Duration.ofSeconds(5)), last);
    }
}
