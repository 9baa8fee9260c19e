package io.berth.engine.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.berth.engine.util.Json;
import io.berth.engine.util.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Docker's json-file log line format (moby daemon/logger/jsonfilelog): one JSON object per line,
 * {@code {"log":"tick\n","stream":"stdout","time":"2026-11-29T09:09:56.271361124Z"}}, time in Go's
 * RFC3339Nano layout (UTC). Strings are escaped as Go's encoding/json does ({@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as {@code \u003c} etc.), so lines match dockerd's byte for byte.
 */
public final class JsonLogCodec {
    /** Go's HTML-safe escaping on top of JSON's. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        GoEscapes() {
            for (char c : new char[] {'<', '>', '&'}) {
                table[c] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }

    private static final ObjectWriter WRITER = createWriter();

    private static ObjectWriter createWriter() {
        ObjectMapper m = Json.MAPPER.copy();
        m.getFactory().setCharacterEscapes(new GoEscapes());
        return m.writer();
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
        Line l = new Line(new String(e.data(), StandardCharsets.UTF_8), e.stream().wireName(),
                Rfc3339.format(Rfc3339.fromNanos(e.timeNano())));
        try {
            return (WRITER.writeValueAsString(l) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot encode a log line", ex);
        }
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
