package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.storage.content.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OCI image layout archive (OCI image-spec image-layout.md): {@code index.json} lists manifests
 * whose blobs live in {@code blobs/<alg>/<hex>}; each manifest (manifest.md) names a config and layer
 * blobs ({@code tar} or {@code tar+gzip}). Every blob read is checked against its descriptor's digest by
 * the loader. The tag comes from the annotation {@code io.containerd.image.name}, or
 * {@code org.opencontainers.image.ref.name} when that is a full reference (as skopeo writes it);
 * otherwise the image is loaded untagged.
 */
public final class OciLayoutFormat {
    /** The file that marks an OCI image layout. */
    public static final String INDEX = "index.json";
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    private OciLayoutFormat() {
    }

    /**
     * @param archive the archive
     * @return the images of {@code index.json}, in order
     * @throws InvalidArgumentException if a document is malformed, a blob is missing or has the wrong digest
     * @throws NotImplementedException for nested indexes and non-gzip compression
     */
    public static List<ImageCandidate> read(ArchiveReader archive) {
        JsonNode index = DockerArchiveFormat.parse(archive.read(INDEX, DockerArchiveFormat.MAX_JSON_BYTES), INDEX);
        List<ImageCandidate> out = new ArrayList<>();
        for (JsonNode desc : index.path("manifests")) {
            String type = desc.path("mediaType").asText("");
            if (!type.equals(MANIFEST_TYPE) && !type.equals(DOCKER_MANIFEST_TYPE)) {
                throw new NotImplementedException("OCI layout: manifests of media type \"" + type
                        + "\" (e.g. nested indexes) are not supported");
            }
            JsonNode manifest = DockerArchiveFormat.parse(blob(archive, desc), "manifest " + desc.path("digest").asText());
            byte[] config = blob(archive, manifest.path("config"));
            List<ImageCandidate.Layer> layers = new ArrayList<>();
            for (JsonNode l : manifest.path("layers")) {
                String lt = l.path("mediaType").asText("");
                if (lt.contains("zstd")) {
                    throw new NotImplementedException("OCI layout: zstd-compressed layers are not supported");
                }
                Digest d = Digest.parse(l.path("digest").asText());
                layers.add(new ImageCandidate.Layer(blobPath(d), d));
            }
            out.add(new ImageCandidate(config, layers, tagOf(desc)));
        }
        return out;
    }

    private static byte[] blob(ArchiveReader archive, JsonNode descriptor) {
        Digest d = Digest.parse(descriptor.path("digest").asText());
        byte[] bytes = archive.read(blobPath(d), DockerArchiveFormat.MAX_JSON_BYTES);
        Digest actual = Digest.sha256(bytes);
        if (!actual.equals(d)) {
            throw new InvalidArgumentException("OCI layout: blob " + d + " has digest " + actual);
        }
        return bytes;
    }

    private static String blobPath(Digest d) {
        return "blobs/" + Digest.SHA256 + "/" + d.hex();
    }

    private static List<Reference> tagOf(JsonNode desc) {
        JsonNode ann = desc.path("annotations");
        String name = ann.path("io.containerd.image.name").asText("");
        if (name.isEmpty()) {
            String ref = ann.path("org.opencontainers.image.ref.name").asText("");
            if (ref.contains(":") || ref.contains("/")) {
                name = ref;
            }
        }
        return name.isEmpty() ? List.of() : List.of(DockerArchiveFormat.tagReference(name));
    }
}
