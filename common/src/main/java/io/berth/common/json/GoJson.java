package io.berth.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes JSON as Go's {@code encoding/json} {@code Marshal} does: compact, keys in the order of the tree,
 * strings quoted with Go's HTML-safe escapes ({@link GoJsonEscapes}). Where a digest is computed over JSON
 * that dockerd marshals (docker save's legacy layer IDs, image configs), write it with this, not with
 * {@link Json#MAPPER}, which leaves {@code <}, {@code >} and {@code &} as they are.
 */
public final class GoJson {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new GoJsonEscapes())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private GoJson() {
    }

    /**
     * @param tree a JSON tree
     * @return its UTF-8 bytes as Go marshals them
     */
    public static byte[] bytes(JsonNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            Json.MAPPER.writeTree(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
