package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an image config blob (Docker image spec v1.2 / OCI image-spec config.md) the store needs.
 * The blob itself is kept byte for byte; this is only a parsed view.
 *
 * @param diffIds {@code rootfs.diff_ids}, bottom layer first
 * @param created {@code created}, or {@code null} if absent or unparsable
 * @param labels {@code config.Labels} (empty if none)
 */
public record ImageConfig(List<Digest> diffIds, Instant created, Map<String, String> labels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the collections so the record stays immutable. */
    public ImageConfig {
        diffIds = List.copyOf(diffIds);
        labels = Map.copyOf(labels);
    }

    /**
     * Parses and validates a config blob.
     *
     * @param json the config bytes
     * @return the parsed view
     * @throws InvalidArgumentException if it is not JSON, or {@code rootfs} is not {@code {"type":"layers",
     *     "diff_ids":[sha256 digests]}}
     */
    public static ImageConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
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
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : rootfs.path("diff_ids")) {
            diffIds.add(Digest.parse(d.asText()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("config").path("Labels").properties()) {
            labels.put(e.getKey(), e.getValue().asText());
        }
        return new ImageConfig(diffIds, parseTime(root.path("created").asText(null)), labels);
    }

    private static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
