package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.time.DockerTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLogCodecTest {
    private static final long T = 1_795_950_671_123_456_789L;

    private static String encode(byte[] data) {
        return new String(JsonLogCodec.encode(new LogEntry(LogStream.STDERR, data, T)), StandardCharsets.UTF_8);
    }

    private static Optional<LogEntry> decode(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return JsonLogCodec.decode(b, 0, b.length);
    }

    @Test
    void encode_controlsQuotesHtmlAndSeparators_escapedAsGoEncodingJson() {
        String text = "\b\f\u0001\u001f\u007f\"\\/<>&\u2028\u2029é\uD83D\uDE00\t\r\n";

        assertEquals("{\"log\":\"\\u0008\\u000c\\u0001\\u001f\u007f\\\"\\\\/\\u003c\\u003e\\u0026\\u2028\\u2029é"
                + "\uD83D\uDE00\\t\\r\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-29T11:11:11.123456789Z\"}\n",
                encode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encode_invalidUtf8_eachBadByteBecomesReplacementEscape() {
        byte[] data = {(byte) 0xff, 'a', (byte) 0xc3, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf0, (byte) 0x9f};

        String line = encode(data);

        assertTrue(line.startsWith("{\"log\":\"\\ufffda\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\","), line);
        assertEquals("\ufffda\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd",
                new String(decode(line).orElseThrow().data(), StandardCharsets.UTF_8));
    }

    @Test
    void decode_ofEncode_roundTripsRandomText() {
        Random r = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(40); k > 0; k--) {
                int cp = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(0x80);
                    case 1 -> 0x80 + r.nextInt(0x780);
                    case 2 -> 0xe000 + r.nextInt(0x1000);
                    default -> 0x10000 + r.nextInt(0x1000);
                };
                sb.appendCodePoint(cp);
            }
            byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
            LogEntry back = decode(encode(data)).orElseThrow();
            assertArrayEquals(data, back.data(), sb.toString());
            assertEquals(T, back.timeNano());
            assertEquals(LogStream.STDERR, back.stream());
        }
    }

    @Test
    void decode_bytes_sameAsTheStringForm() {
        String[] lines = {
            "{\"log\":\"a\\/b \\u00e9\\ud83d\\ude00 \\b\\f\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"lone \\ud800 x\",\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56.5+01:00\"}\n",
            "{\"stream\":\"stdout\",\"log\":\"reordered\\n\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\": \"spaced\", \"stream\": \"stderr\", \"time\": \"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"x\",\"stream\":\"stdin?\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"yesterday\"}",
            "{\"log\":1}", "garbage", "{\"log\":\"unterminated", ""};
        boolean[] valid = {true, true, true, true, false, false, false, false, false, false};
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Optional<LogEntry> general = JsonLogCodec.decode(line);
            Optional<LogEntry> fast = decode(line);
            assertEquals(valid[i], general.isPresent(), line);
            assertEquals(general.isPresent(), fast.isPresent(), line);
            if (general.isPresent()) {
                assertEquals(general.get().stream(), fast.get().stream(), line);
                assertEquals(general.get().timeNano(), fast.get().timeNano(), line);
                assertEquals(new String(general.get().data(), StandardCharsets.UTF_8),
                        new String(fast.get().data(), StandardCharsets.UTF_8), line);
            }
        }
    }

    @Test
    void encode_validReplacementCharacter_keptAsUtf8_whileInvalidBytesAreEscaped() {
        byte[] valid = "\ufffd".getBytes(StandardCharsets.UTF_8);
        byte[] data = {valid[0], valid[1], valid[2], (byte) 0xff, (byte) 0xe2, (byte) 0x80, 'x'};

        assertTrue(encode(data).startsWith("{\"log\":\"\ufffd\\ufffd\\ufffd\\ufffdx\","), encode(data));
    }

    @Test
    void encode_longLines_supplementaryCharactersStayUtf8AroundEverySegmentBoundary() {
        String emoji = "\uD83D\uDE00";
        for (int boundary = 0; boundary <= 8192; boundary += 128) { // Jackson writes long strings in segments
            for (int prefix = Math.max(0, boundary - 3); prefix <= boundary + 3; prefix++) {
                String text = "a".repeat(prefix) + emoji + "\u2028" + emoji;
                String line = encode(text.getBytes(StandardCharsets.UTF_8));

                assertEquals("{\"log\":\"" + "a".repeat(prefix) + emoji + "\\u2028" + emoji
                        + "\",\"stream\":\"stderr\",\"time\":\"2026-11-29T11:11:11.123456789Z\"}\n", line,
                        "prefix " + prefix);
                assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), decode(line).orElseThrow().data());
            }
        }
    }

    @Test
    void decode_loneSurrogateEscapes_becomeReplacementCharacterAsGoReadsThem() {
        String line = "{\"log\":\"\\ud800|\\ude00|\\ud83d\\ud83d\\ude00|?\",\"stream\":\"stdout\","
                + "\"time\":\"2026-11-29T09:09:56Z\"}";

        assertEquals("\ufffd|\ufffd|\ufffd\uD83D\uDE00|?",
                new String(decode(line).orElseThrow().data(), StandardCharsets.UTF_8));
        assertEquals("\ufffd|\ufffd|\ufffd\uD83D\uDE00|?",
                new String(JsonLogCodec.decode(line).orElseThrow().data(), StandardCharsets.UTF_8));
    }

    @Test
    void decode_rawInvalidUtf8InTheFile_readsAsReplacementCharacter() {
        byte[] head = "{\"log\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\",\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56Z\"}".getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xff;
        System.arraycopy(tail, 0, line, head.length + 1, tail.length);

        assertEquals("a\ufffdb", new String(JsonLogCodec.decode(line, 0, line.length).orElseThrow().data(),
                StandardCharsets.UTF_8));
    }

    @Test
    void decode_unknownKeysNullsAndNonStringValues_asDockersReaderTakesThem() {
        assertEquals("x", new String(decode("{\"attrs\":{\"a\":[1,2]},\"log\":\"x\",\"stream\":\"stdout\","
                + "\"time\":\"2026-11-29T09:09:56Z\"}").orElseThrow().data(), StandardCharsets.UTF_8));
        assertTrue(decode("{\"log\":null,\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56Z\"}").isEmpty());
        assertTrue(decode("{\"log\":[\"x\"],\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56Z\"}").isEmpty());
        assertTrue(decode("[\"log\"]").isEmpty());
    }

    @Test
    void encode_time_isGoRfc3339NanoInUtc() {
        long[] nanos = {0, 1, 10, 100_000_000, 123_456_789, 999_999_999, 270_000_000};
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
        for (long epoch : new long[] {0, 1, 951_782_400, 1_795_950_671, 4_102_444_799L, -1}) {
            for (long n : nanos) {
                Instant t = Instant.ofEpochSecond(epoch, n);
                String frac = n == 0 ? "" : "." + String.format("%09d", n).replaceAll("0+$", "");
                LogEntry e = new LogEntry(LogStream.STDOUT, new byte[] {'x'}, DockerTime.toNanos(t));
                String line = new String(JsonLogCodec.encode(e), StandardCharsets.UTF_8);

                assertEquals("{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"" + seconds.format(t) + frac + "Z\"}\n",
                        line, t.toString());
                assertEquals(e, decode(line).orElseThrow());
            }
        }
    }

    @Test
    void decode_time_anyRfc3339Shape_sameInstantAsJavaTime_othersAreNotLines() {
        for (String text : new String[] {"2026-11-29T09:09:56Z", "2026-11-29T09:09:56.1Z",
                "2026-11-29T09:09:56.123456789Z", "2026-11-29T09:09:56.12345+00:00", "1999-12-31T23:59:59-07:30",
                "2026-11-29t09:09:56z", "2026-11-29T09:09Z", "2026-11-29T09:09:56.5+05:30:15",
                "2026-02-28T23:59:59.999999999+18:00", "2026-02-28T23:59:59-18:00", "2026-11-29T09:09:56.Z"}) {
            Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            assertEquals(DockerTime.toNanos(expected), decode(lineAt(text)).orElseThrow().timeNano(), text);
        }
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z",
                "2026-11-29T09:09:56.1234567891Z", "2026-11-29T09:09:56+19:00",
                "2026-11-29T09:09:56", "2026-11-29 09:09:56Z", "x026-11-29T09:09:56Z", "2026-11-29T09:09:56+0100",
                "0000-01-01T00:00:00Z", "2263-01-01T00:00:00Z"}) {
            assertTrue(decode(lineAt(text)).isEmpty(), text);
        }
    }

    private static String lineAt(String time) {
        return "{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"" + time + "\"}";
    }
}
