package io.berth.engine.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.util.Json;
import io.berth.engine.util.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Docker's json-file log line format (moby daemon/logger/jsonfilelog): one JSON object per line,
 * {@code {"log":"tick\n","stream":"stdout","time":"2026-11-29T09:09:56.271361124Z"}}, time in Go's
 * RFC3339Nano layout (UTC). Strings are escaped as Go's encoding/json does ({@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as {@code \u003c} etc.), so lines match dockerd's byte for byte.
 *
 * <p>Lines are written and read by hand ({@link GoJsonString}): a chatty container produces millions of them.
 * A line of any other shape (written by another tool) is still read, through Jackson.
 */
public final class JsonLogCodec {
    private static final byte[] LOG_KEY = ascii("{\"log\":");
    private static final byte[] STREAM_KEY = ascii(",\"stream\":\"");
    private static final byte[] TIME_KEY = ascii("\",\"time\":\"");
    private static final byte[] TAIL = ascii("\"}");
    private static final byte[] END = ascii("\"}\n");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @JsonPropertyOrder({"log", "stream", "time"})
    private record Line(@JsonProperty("log") String log, @JsonProperty("stream") String stream,
                        @JsonProperty("time") String time) {
    }

    private JsonLogCodec() {
    }

    /**
     * @param e an entry
     * @return its json-file line, including the terminating "\n"
     */
    public static byte[] encode(LogEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.data().length + 64);
        out.writeBytes(LOG_KEY);
        GoJsonString.appendQuoted(out, e.data());
        out.writeBytes(STREAM_KEY);
        out.writeBytes(e.stream().wireName().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(TIME_KEY);
        out.writeBytes(Rfc3339.format(Rfc3339.fromNanos(e.timeNano())).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(END);
        return out.toByteArray();
    }

    /**
     * @param line bytes holding one json-file line (with or without its "\n")
     * @param from where the line starts
     * @param to where it ends (exclusive)
     * @return the entry, or empty if it is not a valid json-file line
     */
    public static Optional<LogEntry> decode(byte[] line, int from, int to) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(Math.max(16, to - from - 60));
        int i = expect(line, from, to, LOG_KEY);
        i = i < 0 ? -1 : GoJsonString.unquote(line, i, to, text);
        i = i < 0 ? -1 : expect(line, i, to, STREAM_KEY);
        int streamEnd = i < 0 ? -1 : indexOf(line, i, to, (byte) '"');
        int t = streamEnd < 0 ? -1 : expect(line, streamEnd, to, TIME_KEY);
        int timeEnd = t < 0 ? -1 : indexOf(line, t, to, (byte) '"');
        int end = timeEnd < 0 ? -1 : expect(line, timeEnd, to, TAIL);
        if (end < 0 || !(end == to || end == to - 1 && line[end] == '\n')) {
            return decode(new String(line, from, to - from, StandardCharsets.UTF_8));
        }
        try {
            LogStream stream = LogStream.fromWireName(new String(line, i, streamEnd - i, StandardCharsets.US_ASCII));
            long nanos = Rfc3339.toNanos(Rfc3339.parse(new String(line, t, timeEnd - t, StandardCharsets.US_ASCII)));
            return Optional.of(new LogEntry(stream, text.toByteArray(), nanos));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int expect(byte[] b, int at, int to, byte[] literal) {
        if (at + literal.length > to) {
            return -1;
        }
        for (int k = 0; k < literal.length; k++) {
            if (b[at + k] != literal[k]) {
                return -1;
            }
        }
        return at + literal.length;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param line one json-file line (with or without its "\n")
     * @return the entry, or empty if the line is not a valid json-file line
     */
    public static Optional<LogEntry> decode(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            Line l = Json.MAPPER.readValue(line, Line.class);
            if (l.log() == null || l.stream() == null || l.time() == null) {
                return Optional.empty();
            }
            return Optional.of(new LogEntry(LogStream.fromWireName(l.stream()),
                    l.log().getBytes(StandardCharsets.UTF_8), Rfc3339.toNanos(Rfc3339.parse(l.time()))));
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
