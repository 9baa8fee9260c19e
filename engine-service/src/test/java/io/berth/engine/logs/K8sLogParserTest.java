package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.time.DockerTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class K8sLogParserTest {
    private static LogEntry parse(String line) {
        return K8sLogParser.parse(line.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void parse_fullLine_addsNewlineAndConvertsOffsetTimeToUtc() {
        LogEntry e = parse("2026-11-29T10:09:56.271361124+01:00 stdout F tick 1");

        assertEquals(LogStream.STDOUT, e.stream());
        assertArrayEquals("tick 1\n".getBytes(StandardCharsets.UTF_8), e.data());
        assertEquals(DockerTime.toNanos(Instant.parse("2026-11-29T09:09:56.271361124Z")), e.timeNano());
    }

    @Test
    void parse_partialLine_keepsTextWithoutNewline() {
        LogEntry e = parse("2026-11-29T09:09:56.1Z stderr P no newline yet");

        assertEquals(LogStream.STDERR, e.stream());
        assertArrayEquals("no newline yet".getBytes(StandardCharsets.UTF_8), e.data());
    }

    @Test
    void parse_emptyFullLine_isJustNewline() {
        assertArrayEquals(new byte[] {'\n'}, parse("2026-11-29T09:09:56Z stdout F ").data());
        assertArrayEquals(new byte[] {'\n'}, parse("2026-11-29T09:09:56Z stdout F").data());
    }

    @Test
    void parse_textWithSpacesAndNonAscii_keptByteForByte() {
        assertArrayEquals("  a  b ünï \n".getBytes(StandardCharsets.UTF_8),
                parse("2026-11-29T09:09:56Z stdout F   a  b ünï ").data());
    }

    @Test
    void parse_malformedLines_areEmpty() {
        for (String bad : new String[] {"", "garbage", "2026-11-29T09:09:56Z stdout", "notatime stdout F x",
                "2026-11-29T09:09:56Z stdin F x", "2026-11-29T09:09:56Z stdout X x"}) {
            assertTrue(K8sLogParser.parse(bad.getBytes(StandardCharsets.UTF_8)).isEmpty(), bad);
        }
    }
}
