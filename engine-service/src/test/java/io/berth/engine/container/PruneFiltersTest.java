package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruneFiltersTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void durationNanos_goDurations() {
        assertEquals(3_600_000_000_000L + 30 * 60_000_000_000L, PruneFilters.durationNanos("1h30m"));
        assertEquals(1_500_000_000L, PruneFilters.durationNanos("1.5s"));
        assertEquals(0L, PruneFilters.durationNanos("0"));
        assertNull(PruneFilters.durationNanos("10"));
        assertNull(PruneFilters.durationNanos("1d"));
    }

    @Test
    void timestamp_durationBeforeNow_unixRfc3339AndDate() {
        assertEquals(NOW.minusSeconds(86400), PruneFilters.timestamp("24h", NOW));
        assertEquals(Instant.ofEpochSecond(1600000000), PruneFilters.timestamp("1600000000", NOW));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), PruneFilters.timestamp("2026-01-02T03:04:05Z", NOW));
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), PruneFilters.timestamp("2026-01-02", NOW));
        assertThrows(InvalidArgumentException.class, () -> PruneFilters.timestamp("yesterday", NOW));
    }

    @Test
    void constructor_onlyUntilLabelAndNotLabel_oneUntil() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new PruneFilters(Map.of("status", List.of("exited")), NOW));
        assertEquals("invalid filter 'status'", e.getMessage());
        e = assertThrows(InvalidArgumentException.class,
                () -> new PruneFilters(Map.of("until", List.of("1h", "2h")), NOW));
        assertEquals("more than one until filter specified", e.getMessage());
    }

    @Test
    void matches_untilAndLabels() {
        ContainerRecord old = ContainerStoreTest.record("a".repeat(64), "/old", NOW.minusSeconds(7200));
        assertTrue(new PruneFilters(Map.of("until", List.of("1h")), NOW).matches(old));
        assertFalse(new PruneFilters(Map.of("until", List.of("3h")), NOW).matches(old));
        assertTrue(new PruneFilters(Map.of(), NOW).matches(old));
        assertFalse(new PruneFilters(Map.of("label", List.of("x")), NOW).matches(old));
        assertTrue(new PruneFilters(Map.of("label!", List.of("x")), NOW).matches(old));
    }
}
