package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.errors.InvalidArgumentException;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
            String config = item.path("Config").asText("");
            if (config.isEmpty()) {
                throw new InvalidArgumentException("manifest.json: an entry has no Config");
            }
            List<ImageCandidate.Layer> layers = new ArrayList<>();
            for (JsonNode l : item.path("Layers")) {
                layers.add(new ImageCandidate.Layer(l.asText(), null));
            }
            List<Reference> tags = new ArrayList<>();
            for (JsonNode t : item.path("RepoTags")) {
                tags.add(tagReference(t.asText()));
            }
            out.add(new ImageCandidate(archive.read(config, MAX_JSON_BYTES), layers, tags));
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
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
