package io.berth.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void format_trimsTrailingZerosLikeGo() {
        assertEquals("2026-11-29T09:09:56.271361124Z", Rfc3339.format(Instant.parse("2026-11-29T09:09:56.271361124Z")));
        assertEquals("2026-11-29T09:09:56.2713Z", Rfc3339.format(Instant.parse("2026-11-29T09:09:56.271300000Z")));
        assertEquals("2026-11-29T09:09:56Z", Rfc3339.format(Instant.parse("2026-11-29T09:09:56Z")));
    }

    @Test
    void parse_offsetsAndNanosRoundTrip() {
        Instant t = Rfc3339.parse("2026-11-29T10:09:56.000000001+01:00");
        assertEquals(Instant.parse("2026-11-29T09:09:56.000000001Z"), t);
        assertEquals(t, Rfc3339.fromNanos(Rfc3339.toNanos(t)));
        assertEquals(-1, Rfc3339.toNanos(Rfc3339.fromNanos(-1)));
    }
}
