package io.berth.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
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
}
