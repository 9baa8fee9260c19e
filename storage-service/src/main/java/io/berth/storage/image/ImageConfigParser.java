package io.berth.storage.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.common.json.Json;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an image config blob (Docker image spec v1.2 / OCI image-spec config.md) into the shared
 * {@link ImageConfig} and checks what the store relies on: the blob is a JSON object whose {@code rootfs}
 * is {@code {"type": "layers", "diff_ids": [...]}} and every diff ID is a sha256 digest. The blob itself
 * is kept byte for byte; this is only a parsed view.
 */
final class ImageConfigParser {
    private ImageConfigParser() {
    }

    /**
     * Parses and validates a config blob.
     *
     * @param json the config bytes
     * @return the parsed config
     * @throws InvalidArgumentException "image config is not valid JSON: ...", "image config is not a JSON
     *     object", "image config has no rootfs of type \"layers\" with diff_ids", a diff ID's "invalid digest
     *     ..." ({@link Digest#parse}), or "image config is not valid: ..." when a field has the wrong type
     */
    static ImageConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidArgumentException("image config is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidArgumentException("image config is not a JSON object");
        }
        JsonNode rootfs = root.path("rootfs");
        if (!"layers".equals(rootfs.path("type").asText()) || !rootfs.path("diff_ids").isArray()) {
            throw new InvalidArgumentException("image config has no rootfs of type \"layers\" with diff_ids");
        }
        ImageConfig config;
        try {
            config = Json.MAPPER.treeToValue(root, ImageConfig.class);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("image config is not valid: " + e.getOriginalMessage(), e);
        }
        diffIds(config);
        return config;
    }

    /**
     * @param config a config {@link #parse} accepted
     * @return {@code rootfs.diff_ids} as digests, bottom layer first
     * @throws InvalidArgumentException if a diff ID is not a sha256 digest
     */
    static List<Digest> diffIds(ImageConfig config) {
        List<Digest> out = new ArrayList<>();
        for (String d : config.diffIds()) {
            out.add(Digest.parse(d));
        }
        return out;
    }

    /**
     * @param config a parsed config
     * @return {@code config.Labels}, a JSON null value read as "" (as Go's decoder leaves a string)
     */
    static Map<String, String> labels(ImageConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.labels().forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }
}
