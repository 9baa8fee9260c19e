package io.berth.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class DockerTimeTest {
    @Test
    void rfc3339Nano_dropsTrailingZerosLikeGo() {
        assertEquals("2026-11-29T09:09:56.27136112Z",
                DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56.271361120Z")));
        assertEquals("2026-11-29T09:09:56Z", DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56Z")));
        assertEquals("2026-11-29T09:09:56.000000001Z",
                DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56.000000001Z")));
    }

    @Test
    void fixedForm_alwaysHasNineDigits() {
        long nanos = DockerTime.toNanos(Instant.parse("2026-11-29T09:09:56.27Z"));
        assertEquals("2026-11-29T09:09:56.270000000Z", DockerTime.rfc3339NanoFixed(nanos));
        assertEquals(Instant.parse("2026-11-29T09:09:56.27Z"), DockerTime.fromNanos(nanos));
    }

    @Test
    void unsetTimestamp_isGoZeroTime() {
        assertEquals(DockerTime.ZERO, DockerTime.rfc3339Nano(Timestamp.getDefaultInstance()));
        assertEquals("1970-01-01T00:00:01.5Z",
                DockerTime.rfc3339Nano(Timestamp.newBuilder().setSeconds(1).setNanos(500_000_000).build()));
    }

    @Test
    void parse_acceptsOffsets() {
        assertEquals(Instant.parse("2026-11-29T16:09:56.1Z"), DockerTime.parse("2026-11-29T09:09:56.1-07:00"));
    }

    @Test
    void queryTime_secondsFractionsAndRfc3339() {
        assertEquals(0, DockerTime.parseQueryTime("", "since"));
        assertEquals(1_795_943_707_000_000_001L, DockerTime.parseQueryTime("1795943707.000000001", "since"));
        assertEquals(1_000_000_000L, DockerTime.parseQueryTime("1970-01-01T00:00:01Z", "until"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> DockerTime.parseQueryTime("yesterday", "since"));
        assertEquals("invalid value for since: yesterday (expected unix seconds or an RFC 3339 time)", e.getMessage());
    }

    @Test
    void rfc3339Nano_trimsTrailingZerosOfEveryWidth() {
        assertEquals("2026-11-29T09:09:56.271361124Z",
                DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56.271361124Z")));
        assertEquals("2026-11-29T09:09:56.2713Z",
                DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56.271300000Z")));
    }

    @Test
    void rfc3339Nano_manyInstants_matchesJavaTimeRendering() {
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
        long[] nanos = {0, 1, 10, 100_000_000, 123_456_789, 999_999_999, 270_000_000};
        for (long epoch : new long[] {0, 1, 951_782_400, 1_795_950_671, 4_102_444_799L, -1}) {
            for (long n : nanos) {
                Instant t = Instant.ofEpochSecond(epoch, n);
                String frac = n == 0 ? "" : "." + String.format("%09d", n).replaceAll("0+$", "");
                assertEquals(seconds.format(t) + frac + "Z", DockerTime.rfc3339Nano(t), t.toString());
            }
        }
        assertEquals("+10000-01-01T00:00:00Z", DockerTime.rfc3339Nano(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void parse_offsetsAndNanos_roundTripThroughNanos() {
        Instant t = DockerTime.parse("2026-11-29T10:09:56.000000001+01:00");
        assertEquals(Instant.parse("2026-11-29T09:09:56.000000001Z"), t);
        assertEquals(t, DockerTime.fromNanos(DockerTime.toNanos(t)));
        assertEquals(-1, DockerTime.toNanos(DockerTime.fromNanos(-1)));
    }

    @Test
    void parse_anyRfc3339Shape_sameInstantAsJavaTime() {
        for (String text : new String[] {"2026-11-29T09:09:56Z", "2026-11-29T09:09:56.1Z",
                "2026-11-29T09:09:56.123456789Z", "2026-11-29T09:09:56.12345+00:00", "1999-12-31T23:59:59-07:30",
                "2026-11-29t09:09:56z", "2026-11-29T09:09Z", "2026-11-29T09:09:56.5+05:30:15", "0000-01-01T00:00:00Z",
                "2026-02-28T23:59:59.999999999+18:00", "2026-02-28T23:59:59-18:00", "2026-11-29T09:09:56.Z"}) {
            assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
                    DockerTime.parse(text), text);
        }
    }

    @Test
    void parse_invalid_throwsDateTimeParseException() {
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z",
                "2026-11-29T09:09:56.1234567891Z", "2026-11-29T09:09:56+19:00",
                "2026-11-29T09:09:56", "2026-11-29 09:09:56Z", "x026-11-29T09:09:56Z", "2026-11-29T09:09:56+0100"}) {
            assertThrows(DateTimeParseException.class, () -> DockerTime.parse(text), text);
        }
    }

    @Test
    void toNanos_outsideTheNanosecondRange_throws() {
        assertThrows(ArithmeticException.class, () -> DockerTime.toNanos(Instant.parse("0000-01-01T00:00:00Z")));
    }
}
