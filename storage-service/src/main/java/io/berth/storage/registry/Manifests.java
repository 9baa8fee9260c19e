package io.berth.storage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.json.Json;
import io.berth.storage.content.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks what a registry returns for {@code GET /v2/<name>/manifests/<reference>}: Docker's image
 * manifest v2 schema 2 and manifest list, OCI image-spec v1 manifest (manifest.md) and index
 * (image-index.md). Schema 1 manifests are refused with a clear error (dockerd 20.10 still pulled them;
 * Docker 28 and containerd 2 refuse them). Every field is checked before use: digests well formed, sizes not
 * negative, the config an image config, layer media types ones berth can unpack.
 */
public final class Manifests {
    /** Docker image manifest v2 schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list. */
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker schema 1 (signed and unsigned). */
    static final Set<String> SCHEMA1 = Set.of("application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");
    /** Docker's image config. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** OCI image config. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** Docker's gzip layer (what berth pushes). */
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** The Accept header of a manifest request: every type berth reads, schema 1 last (to refuse it by name). */
    public static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST,
            "application/vnd.docker.distribution.manifest.v1+prettyjws;q=0.1");
    /** containerd's limit for a manifest or index (remotes/docker: 4 MiB). */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** Limit for an image config blob (containerd reads configs whole too; 8 MiB is 100 times a big one). */
    public static final int MAX_CONFIG_BYTES = 8 << 20;
    /** Layers per manifest: far above what any driver mounts (overlay2 stacks 128 in one mount at most). */
    static final int MAX_LAYERS = 1000;
    /** Entries per index. */
    static final int MAX_INDEX_ENTRIES = 1000;

    private static final Set<String> LAYER_TYPES = Set.of(DOCKER_LAYER_GZIP,
            "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip");
    private static final Set<String> FOREIGN_TYPES = Set.of("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");

    /** One image's manifest. */
    public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) implements Parsed {
        /** Copies the list. */
        public ImageManifest {
            layers = List.copyOf(layers);
        }
    }

    /** A manifest list or OCI index. */
    public record Index(String mediaType, List<Descriptor> manifests) implements Parsed {
        /** Copies the list. */
        public Index {
            manifests = List.copyOf(manifests);
        }
    }

    /** What a manifest request returned. */
    public sealed interface Parsed permits ImageManifest, Index {
        /** @return the media type the content declares (or the response's Content-Type) */
        String mediaType();
    }

    private Manifests() {
    }

    /**
     * @param body the manifest bytes, at most {@link #MAX_MANIFEST_BYTES}
     * @param contentType the response's Content-Type (used when the JSON has no mediaType)
     * @param what the reference, for errors
     * @return the manifest or index
     * @throws InvalidArgumentException for schema 1, an unknown media type or a malformed manifest
     */
    public static Parsed parse(byte[] body, String contentType, String what) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (RuntimeException e) {
            throw bad(what, "not JSON (" + e.getMessage() + ")");
        }
        if (!root.isObject()) {
            throw bad(what, "not a JSON object");
        }
        String type = root.path("mediaType").asText("");
        if (type.isEmpty()) {
            type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        }
        int schema = root.path("schemaVersion").asInt(-1);
        if (schema == 1 || SCHEMA1.contains(type)) {
            throw new InvalidArgumentException("Docker Image manifest version 2, schema 1 is not supported by berth ("
                    + what + "); the image must be pushed again as Docker Image manifest v2, schema 2 or OCI");
        }
        if (schema != 2) {
            throw bad(what, "schemaVersion " + root.path("schemaVersion") + ", want 2");
        }
        if (root.has("manifests") && !root.has("config")) {
            if (!type.equals(DOCKER_LIST) && !type.equals(OCI_INDEX) && !type.equals("application/json")
                    && !type.isEmpty()) {
                throw bad(what, "an index with media type " + type);
            }
            return new Index(type.isEmpty() || type.equals("application/json") ? OCI_INDEX : type,
                    descriptors(root.path("manifests"), MAX_INDEX_ENTRIES, what, "manifests"));
        }
        if (!type.equals(DOCKER_MANIFEST) && !type.equals(OCI_MANIFEST) && !type.isEmpty()
                && !type.equals("application/json")) {
            throw bad(what, "unsupported media type \"" + type + "\"");
        }
        Descriptor config = descriptor(root.path("config"), what, "config");
        if (!config.mediaType().equals(DOCKER_CONFIG) && !config.mediaType().equals(OCI_CONFIG)) {
            throw bad(what, "its config has media type \"" + config.mediaType() + "\": not a container image");
        }
        if (config.size() > MAX_CONFIG_BYTES) {
            throw bad(what, "its config is " + config.size() + " bytes, more than " + MAX_CONFIG_BYTES);
        }
        List<Descriptor> layers = descriptors(root.path("layers"), MAX_LAYERS, what, "layers");
        for (Descriptor l : layers) {
            if (FOREIGN_TYPES.contains(l.mediaType())) {
                throw bad(what, "layer " + l.digest() + " is a foreign layer (" + l.mediaType()
                        + "), which berth does not fetch");
            }
            if (!LAYER_TYPES.contains(l.mediaType())) {
                throw bad(what, "layer " + l.digest() + " has unsupported media type \"" + l.mediaType() + "\"");
            }
        }
        return new ImageManifest(type.isEmpty() || type.equals("application/json") ? OCI_MANIFEST : type,
                config, layers);
    }

    /**
     * Chooses the manifest for a platform (containerd's platforms.Only ordering, reduced: the first entry that
     * {@link Platform#matches}).
     *
     * @param index the index
     * @param wanted the platform to run
     * @return the chosen entry
     * @throws NotFoundException dockerd's "no matching manifest for linux/amd64 in the manifest list entries"
     */
    public static Descriptor choose(Index index, Platform wanted) {
        for (Descriptor d : index.manifests()) {
            if (d.platform() != null && wanted.matches(d.platform())
                    && (d.mediaType().equals(DOCKER_MANIFEST) || d.mediaType().equals(OCI_MANIFEST))) {
                return d;
            }
        }
        throw new NotFoundException("no matching manifest for " + wanted + " in the manifest list entries");
    }

    private static List<Descriptor> descriptors(JsonNode array, int max, String what, String field) {
        if (!array.isArray()) {
            throw bad(what, "\"" + field + "\" is not an array");
        }
        if (array.size() > max) {
            throw bad(what, "it lists " + array.size() + " " + field + ", more than " + max);
        }
        List<Descriptor> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(descriptor(n, what, field));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode n, String what, String field) {
        if (!n.isObject()) {
            throw bad(what, "a descriptor in \"" + field + "\" is not an object");
        }
        String digest = n.path("digest").asText("");
        if (!Digest.isDigest(digest)) {
            throw bad(what, "a descriptor in \"" + field + "\" has the digest \"" + cut(digest)
                    + "\"; berth takes sha256:<64 hex digits>");
        }
        JsonNode size = n.path("size");
        if (!size.canConvertToLong() || size.asLong() < 0) {
            throw bad(what, "descriptor " + digest + " has the size " + cut(size.toString()));
        }
        Platform platform = null;
        JsonNode p = n.path("platform");
        if (p.isObject()) {
            List<String> features = new ArrayList<>();
            p.path("os.features").forEach(f -> features.add(f.asText()));
            platform = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.path("variant").asText(""), p.path("os.version").asText(""), features);
        }
        List<String> urls = new ArrayList<>();
        n.path("urls").forEach(u -> urls.add(u.asText()));
        return new Descriptor(n.path("mediaType").asText(""), Digest.parse(digest), size.asLong(), platform, urls);
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static InvalidArgumentException bad(String what, String why) {
        return new InvalidArgumentException("invalid manifest for " + what + ": " + why);
    }

    /**
     * Docker's image manifest v2 schema 2 for a push (Docker's own field order: schemaVersion, mediaType,
     * config, layers).
     *
     * @param config the config blob's descriptor
     * @param layers the gzip layers, bottom first
     * @return the manifest bytes (what is PUT and digested)
     */
    public static byte[] dockerManifest(Descriptor config, List<Descriptor> layers) {
        StringBuilder b = new StringBuilder();
        b.append("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"").append(DOCKER_MANIFEST).append("\",\n")
                .append("   \"config\": {\n      \"mediaType\": \"").append(DOCKER_CONFIG).append("\",\n")
                .append("      \"size\": ").append(config.size()).append(",\n")
                .append("      \"digest\": \"").append(config.digest()).append("\"\n   },\n")
                .append("   \"layers\": [");
        for (int i = 0; i < layers.size(); i++) {
            Descriptor l = layers.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("      {\n         \"mediaType\": \"").append(DOCKER_LAYER_GZIP)
                    .append("\",\n         \"size\": ").append(l.size()).append(",\n         \"digest\": \"")
                    .append(l.digest()).append("\"\n      }");
        }
        b.append(layers.isEmpty() ? "]\n}" : "\n   ]\n}");
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
