package io.berth.gateway.types.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
    @Test
    void of_followsGoUnitsThresholds() {
        assertEquals("Less than a second", HumanDuration.of(Duration.ofMillis(999)));
        assertEquals("1 second", HumanDuration.of(Duration.ofSeconds(1)));
        assertEquals("59 seconds", HumanDuration.of(Duration.ofSeconds(59)));
        assertEquals("About a minute", HumanDuration.of(Duration.ofSeconds(119)));
        assertEquals("2 minutes", HumanDuration.of(Duration.ofMinutes(2)));
        assertEquals("About an hour", HumanDuration.of(Duration.ofMinutes(89)));
        assertEquals("2 hours", HumanDuration.of(Duration.ofMinutes(90)));
        assertEquals("47 hours", HumanDuration.of(Duration.ofHours(47)));
        assertEquals("2 days", HumanDuration.of(Duration.ofHours(48)));
        assertEquals("2 weeks", HumanDuration.of(Duration.ofDays(14)));
        assertEquals("2 months", HumanDuration.of(Duration.ofDays(60)));
        assertEquals("2 years", HumanDuration.of(Duration.ofDays(731)));
    }

    @Test
    void of_negative_isLessThanASecond() {
        assertEquals("Less than a second", HumanDuration.of(Duration.ofSeconds(-5)));
    }
}
