package io.berth.storage.image;

import io.berth.storage.content.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One image as the store describes it to callers (berth.storage.v1 Image; Docker Engine API v1.41
 * {@code GET /images/{name}/json} and {@code GET /images/json} are built from it).
 *
 * @param id image ID, the digest of the config blob
 * @param repoTags familiar tags, sorted (e.g. {@code fixture/busybox:1})
 * @param configJson the config blob exactly as stored
 * @param sizeBytes sum of the unpacked sizes of the layers, in bytes
 * @param created the config's {@code created}, or {@code null}
 * @param diffIds the layers' diff IDs, bottom first
 * @param topChainId chain ID of the top layer, or {@code null} without layers
 * @param driver storage driver name
 * @param driverData Docker's GraphDriver.Data for the top layer
 * @param lastTagTime when a tag was last set, or {@code null}
 * @param labels the config's {@code config.Labels}
 * @param repoDigests Docker's RepoDigests, {@code name@sha256:<manifest digest>}, sorted (pull and push set them)
 */
public record ImageInfo(Digest id, List<String> repoTags, byte[] configJson, long sizeBytes, Instant created,
                        List<Digest> diffIds, Digest topChainId, String driver, Map<String, String> driverData,
                        Instant lastTagTime, Map<String, String> labels, List<String> repoDigests) {
    /** Copies the collections so the record stays immutable. */
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        diffIds = List.copyOf(diffIds);
        driverData = Map.copyOf(driverData);
        labels = Map.copyOf(labels);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    }

    /**
     * @param tags the tags to show instead (e.g. only those a reference filter matched)
     * @return a copy with those tags
     */
    public ImageInfo withRepoTags(List<String> tags) {
        return new ImageInfo(id, tags, configJson, sizeBytes, created, diffIds, topChainId, driver, driverData,
                lastTagTime, labels, repoDigests);
    }
}
