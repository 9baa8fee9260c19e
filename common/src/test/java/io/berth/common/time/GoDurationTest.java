package io.berth.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoForms() {
        assertEquals(OptionalLong.of(3_600_000_000_000L), GoDuration.parseNanos("1h"));
        assertEquals(OptionalLong.of(9_900_000_000_000L), GoDuration.parseNanos("2h45m"));
        assertEquals(OptionalLong.of(-5_400_000_000_000L), GoDuration.parseNanos("-1.5h"));
        assertEquals(OptionalLong.of(300_000_000L), GoDuration.parseNanos("300ms"));
        assertEquals(OptionalLong.of(1_500L), GoDuration.parseNanos("1.5µs"));
        assertEquals(OptionalLong.of(40_000_000_000L), GoDuration.parseNanos("+40s"));
        assertEquals(OptionalLong.of(0), GoDuration.parseNanos("0"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[] {"", "1", "h", "1x", "1.2.3s", "-", ".s", "1h-2m", "1795943707"}) {
            assertTrue(GoDuration.parseNanos(bad).isEmpty(), bad);
        }
    }
}
