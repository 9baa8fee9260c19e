package io.berth.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.time.DockerTime;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * berth's one Jackson configuration, shared by every service: unknown properties are ignored (a record
 * written by a newer berth, or a client's extra field, still reads), and {@link Instant}s are Go's
 * RFC3339Nano strings ({@link DockerTime#rfc3339Nano(Instant)}) as in Docker's JSON and config.v2.json.
 */
public final class Json {
    /** The shared mapper; thread-safe. Do not reconfigure it: derive a copy ({@code MAPPER.copy()}). */
    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        SimpleModule times = new SimpleModule("berth-instants");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(DockerTime.rfc3339Nano(v));
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String text = p.getValueAsString();
                try {
                    return text == null || text.isEmpty() ? null : DockerTime.parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) c.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 time");
                }
            }
        });
        return new ObjectMapper()
                .registerModule(times)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * Serializes a value as Docker's encoder does: the JSON text plus a trailing {@code "\n"}, UTF-8.
     *
     * @param value a record, a Jackson node or any value Jackson can write
     * @return the bytes
     * @throws InternalException if the value cannot be serialized (a bug)
     */
    public static byte[] line(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON text from a client or a file. An empty or blank input is JSON {@code null} (a
     * {@code NullNode}), which request mappers treat as "all defaults".
     *
     * @param body UTF-8 JSON, possibly empty or null
     * @return the parsed tree, never Java null
     * @throws InvalidArgumentException (HTTP 400) if the text is not well-formed JSON, with Go's encoding/json text
     *     as dockerd answers it ({@link GoJsonErrors}: "unexpected EOF", "invalid character 'x' looking for beginning
     *     of value", ...); invalid UTF-8 inside strings is read as U+FFFD, as Go's decoder reads it
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || isBlank(body)) {
            return MAPPER.nullNode();
        }
        try {
            // Go's decoder reads invalid UTF-8 in strings as U+FFFD instead of failing: decode the same way first.
            JsonNode node = MAPPER.readTree(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            return node == null ? MAPPER.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException(GoJsonErrors.message(e), e);
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read request body: " + e.getMessage(), e);
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
