package io.berth.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    @Test
    void parse_anyRfc3339Shape_sameInstantAsJavaTime() {
        for (String text : new String[] {"2026-11-29T09:09:56Z", "2026-11-29T09:09:56.1Z",
                "2026-11-29T09:09:56.123456789Z", "2026-11-29T09:09:56.12345+00:00", "1999-12-31T23:59:59-07:30",
                "2026-11-29t09:09:56z", "2026-11-29T09:09Z", "2026-11-29T09:09:56.5+05:30:15", "0000-01-01T00:00:00Z",
                "2026-02-28T23:59:59.999999999+18:00", "2026-02-28T23:59:59-18:00", "2026-11-29T09:09:56.Z"}) {
            assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                    Rfc3339.parse(text), text);
        }
    }

    @Test
    void parse_invalid_throwsLikeJavaTime() {
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z",
                "2026-11-29T09:09:56.1234567891Z", "2026-11-29T09:09:56+19:00",
                "2026-11-29T09:09:56", "2026-11-29 09:09:56Z", "x026-11-29T09:09:56Z", "2026-11-29T09:09:56+0100"}) {
            assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text), text);
        }
    }

    @Test
    void format_manyInstants_matchesJavaTimeRendering() {
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(
                java.time.ZoneOffset.UTC);
        long[] nanos = {0, 1, 10, 100_000_000, 123_456_789, 999_999_999, 270_000_000};
        for (long epoch : new long[] {0, 1, 951_782_400, 1_795_950_671, 4_102_444_799L, -1}) {
            for (long n : nanos) {
                Instant t = Instant.ofEpochSecond(epoch, n);
                String frac = n == 0 ? "" : "." + String.format("%09d", n).replaceAll("0+$", "");
                assertEquals(seconds.format(t) + frac + "Z", Rfc3339.format(t), t.toString());
            }
        }
        assertEquals("+10000-01-01T00:00:00Z", Rfc3339.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }
}
