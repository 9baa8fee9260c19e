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
 * @param parent the image it was committed from, or {@code null}
 * @param sharedSizeBytes bytes of its layers other images use too (Docker's SharedSize), -1 if not computed
 */
public record ImageInfo(Digest id, List<String> repoTags, byte[] configJson, long sizeBytes, Instant created,
                        List<Digest> diffIds, Digest topChainId, String driver, Map<String, String> driverData,
                        Instant lastTagTime, Map<String, String> labels, List<String> repoDigests, Digest parent,
                        long sharedSizeBytes) {
    /** Copies the collections so the record stays immutable. */
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        diffIds = List.copyOf(diffIds);
        driverData = Map.copyOf(driverData);
        labels = Map.copyOf(labels);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    }

    /** An image without parent and without a computed SharedSize. */
    public ImageInfo(Digest id, List<String> repoTags, byte[] configJson, long sizeBytes, Instant created,
                     List<Digest> diffIds, Digest topChainId, String driver, Map<String, String> driverData,
                     Instant lastTagTime, Map<String, String> labels) {
        this(id, repoTags, configJson, sizeBytes, created, diffIds, topChainId, driver, driverData, lastTagTime,
                labels, List.of(), null, -1);
    }

    /**
     * @param shared Docker's SharedSize in bytes
     * @return a copy with that shared size
     */
    public ImageInfo withSharedSize(long shared) {
        return new ImageInfo(id, repoTags, configJson, sizeBytes, created, diffIds, topChainId, driver, driverData,
                lastTagTime, labels, repoDigests, parent, shared);
    }

    /**
     * @param tags the tags to show instead (e.g. only those a reference filter matched)
     * @return a copy with those tags
     */
    public ImageInfo withRepoTags(List<String> tags) {
        return new ImageInfo(id, tags, configJson, sizeBytes, created, diffIds, topChainId, driver, driverData,
                lastTagTime, labels, repoDigests, parent, sharedSizeBytes);
    }
}
