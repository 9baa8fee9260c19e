package io.berth.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.InvalidArgumentException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cases of the gateway's former DockerTime copy, run against the one in common. */
class DockerTimeGoFormsTest {
    @Test
    void rfc3339Nano_dropsTrailingZerosLikeGo() {
        assertEquals("2026-11-29T09:09:56.27136112Z",
                DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56.271361120Z")));
        assertEquals("2026-11-29T09:09:56Z", DockerTime.rfc3339Nano(Instant.parse("2026-11-29T09:09:56Z")));
    }

    @Test
    void rfc3339Nano_unsetTimestamp_isGoZeroTime() {
        assertEquals("0001-01-01T00:00:00Z", DockerTime.rfc3339Nano(Timestamp.getDefaultInstance()));
    }

    @Test
    void rfc3339NanoFixed_alwaysHasNineDigits() {
        long nanos = Instant.parse("2026-11-29T09:09:56Z").getEpochSecond() * 1_000_000_000L + 271_361_120L;
        assertEquals("2026-11-29T09:09:56.271361120Z", DockerTime.rfc3339NanoFixed(nanos));
        assertEquals("2026-11-29T09:09:56.000000000Z", DockerTime.rfc3339NanoFixed(nanos - 271_361_120L));
    }

    @Test
    void parseQueryTime_acceptsUnixSecondsFractionsAndRfc3339() {
        assertEquals(0, DockerTime.parseQueryTime(null, "since"));
        assertEquals(1_795_943_707_000_000_000L, DockerTime.parseQueryTime("1795943707", "since"));
        assertEquals(1_795_943_707_000_000_001L, DockerTime.parseQueryTime("1795943707.000000001", "since"));
        assertEquals(1_795_943_707_500_000_000L, DockerTime.parseQueryTime("1795943707.5", "since"));
        assertEquals(Instant.parse("2026-11-29T09:09:56Z").getEpochSecond() * 1_000_000_000L,
                DockerTime.parseQueryTime("2026-11-29T09:09:56Z", "until"));
    }

    @Test
    void parseQueryTime_garbage_isInvalidArgument() {
        assertThrows(InvalidArgumentException.class, () -> DockerTime.parseQueryTime("40s", "since"));
    }
}
