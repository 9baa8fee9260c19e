package io.berth.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's one Jackson {@link ObjectMapper} and the two directions it is used in: request bodies
 * (tolerant: unknown fields ignored, a malformed body is a 400) and response bodies (Docker's encoder
 * writes one JSON value followed by {@code "\n"}, and so do we).
 */
public final class Json {
    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @return a new empty JSON array */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Serializes a response value as Docker does: the JSON text plus a trailing newline, UTF-8.
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
            throw new InternalException("cannot encode JSON response: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a request body. An empty body is JSON {@code null} (a {@code NullNode}), which request mappers
     * treat as "all defaults".
     *
     * @param body the raw request body (UTF-8 JSON)
     * @return the parsed tree, never Java null
     * @throws InvalidArgumentException (HTTP 400) if the body is not well-formed JSON
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.nullNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("malformed JSON in request body: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read request body: " + e.getMessage(), e);
        }
    }
}
