package io.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
    void decode_bytes_sameAsTheGeneralJsonReader() {
        String[] lines = {
            "{\"log\":\"a\\/b \\u00e9\\ud83d\\ude00 \\b\\f\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"lone \\ud800 x\",\"stream\":\"stdout\",\"time\":\"2026-11-29T09:09:56.5+01:00\"}\n",
            "{\"stream\":\"stdout\",\"log\":\"reordered\\n\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\": \"spaced\", \"stream\": \"stderr\", \"time\": \"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"x\",\"stream\":\"stdin?\",\"time\":\"2026-11-29T09:09:56Z\"}",
            "{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"yesterday\"}",
            "{\"log\":1}", "garbage", "{\"log\":\"unterminated", ""};
        for (String line : lines) {
            Optional<LogEntry> general = JsonLogCodec.decode(line);
            Optional<LogEntry> fast = decode(line);
            assertEquals(general.isPresent(), fast.isPresent(), line);
            if (general.isPresent()) {
                assertEquals(general.get().stream(), fast.get().stream(), line);
                assertEquals(general.get().timeNano(), fast.get().timeNano(), line);
                assertEquals(new String(general.get().data(), StandardCharsets.UTF_8).replace('?', '\ufffd'),
                        new String(fast.get().data(), StandardCharsets.UTF_8), line);
            }
        }
    }
}
