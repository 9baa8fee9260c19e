package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a docker-archive, the format {@code docker save} writes (moby image/tarexport, Docker image spec
 * v1.2 "Combined Image JSON + Filesystem Changeset Format"): {@code manifest.json} is an array of
 * {@code {"Config": "<hex>.json", "RepoTags": ["name:tag"], "Layers": ["<v1-id>/layer.tar", ...]}}.
 */
public final class DockerArchiveFormat {
    /** The file that marks a docker-archive. */
    public static final String MANIFEST = "manifest.json";
    static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private DockerArchiveFormat() {
    }

    /**
     * @param archive the archive
     * @return the images it holds, in manifest order
     * @throws InvalidArgumentException if manifest.json or a config is malformed, a path escapes the
     *     archive, a file is missing or a tag is not a valid {@code name:tag}
     */
    public static List<ImageCandidate> read(ArchiveReader archive) {
        JsonNode manifest = parse(archive.read(MANIFEST, MAX_JSON_BYTES), MANIFEST);
        if (!manifest.isArray()) {
            throw new InvalidArgumentException("manifest.json is not a JSON array");
        }
        List<ImageCandidate> out = new ArrayList<>();
        for (JsonNode item : manifest) {
            if (!item.isObject()) {
                throw new InvalidArgumentException("manifest.json: an entry is not a JSON object");
            }
            String config = item.path("Config").isTextual() ? item.get("Config").asText() : "";
            if (config.isEmpty()) {
                throw new InvalidArgumentException("manifest.json: an entry has no Config (a path in the archive)");
            }
            List<ImageCandidate.Layer> layers = new ArrayList<>();
            for (String l : strings(item, "Layers")) {
                layers.add(new ImageCandidate.Layer(l, null));
            }
            List<Reference> tags = new ArrayList<>();
            for (String t : strings(item, "RepoTags")) {
                tags.add(tagReference(t));
            }
            out.add(new ImageCandidate(archive.read(config, MAX_JSON_BYTES), layers, tags));
        }
        return out;
    }

    /** A {@code []string} field of a manifest entry (missing or null: empty), as Go's decoder requires it. */
    private static List<String> strings(JsonNode item, String field) {
        JsonNode v = item.path(field);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new InvalidArgumentException("manifest.json: " + field + " must be an array of strings");
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new InvalidArgumentException("manifest.json: " + field + " must be an array of strings, got "
                        + s.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + s);
            }
            out.add(s.asText());
        }
        return out;
    }

    /**
     * @param text a reference from an archive
     * @return it normalized, with tag "latest" if it had none
     * @throws InvalidArgumentException if it is malformed or carries a digest
     */
    static Reference tagReference(String text) {
        Reference r = Reference.parse(text);
        if (r.digest() != null) {
            throw new InvalidArgumentException("invalid tag \"" + text + "\" in the archive: digests cannot be tags");
        }
        return r.withDefaultTag();
    }

    static JsonNode parse(byte[] json, String what) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
