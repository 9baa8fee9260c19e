package io.berth.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses the Docker Engine API {@code filters} query parameter (API 1.41, moby {@code filters.FromJSON})
 * into {@link Filters}. Both shapes clients send are accepted: the CLI's map of sets
 * {@code {"label":{"a=1":true}}} (entries whose value is false are dropped) and the list form of docker-py,
 * compose and docker-java {@code {"label":["a=1"]}}. An absent or empty parameter means no filters.
 */
public final class FiltersParser {
    private FiltersParser() {
    }

    /**
     * @param json the parameter's value, or null
     * @return the filters, keys in the order given
     * @throws InvalidArgumentException (400) if the value is not one of the two shapes
     */
    public static Filters parse(String json) {
        Filters.Builder out = Filters.newBuilder();
        if (json == null || json.isBlank()) {
            return out.build();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("invalid filters: " + io.berth.common.json.GoJsonErrors.message(e), e);
        }
        if (root == null || root.isNull()) {
            return out.build();
        }
        if (!root.isObject()) {
            throw new InvalidArgumentException("invalid filters: expected a JSON object, got " + json);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.putFilters(e.getKey(), values(e.getKey(), e.getValue()));
        }
        return out.build();
    }

    private static StringList values(String key, JsonNode node) {
        StringList.Builder b = StringList.newBuilder();
        if (node.isArray()) {
            for (JsonNode v : node) {
                if (!v.isTextual()) {
                    throw new InvalidArgumentException("invalid filters: values of \"" + key + "\" must be strings");
                }
                b.addValues(v.asText());
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                if (!v.getValue().isBoolean()) {
                    throw new InvalidArgumentException("invalid filters: \"" + key + "\" must map values to true");
                }
                if (v.getValue().asBoolean()) {
                    b.addValues(v.getKey());
                }
            }
        } else if (!node.isNull()) {
            throw new InvalidArgumentException("invalid filters: \"" + key + "\" must be a list or a set of values");
        }
        return b.build();
    }
}
