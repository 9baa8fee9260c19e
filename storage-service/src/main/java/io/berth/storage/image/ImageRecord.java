package io.berth.storage.image;

import io.berth.storage.content.Digest;
import java.util.List;

/**
 * One stored image as the {@link ImageIndex} keeps it; the config blob itself is in the content store
 * under {@code id}.
 *
 * @param id image ID: the digest of the config blob
 * @param diffIds the config's {@code rootfs.diff_ids}, bottom first
 * @param sizeBytes sum of the unpacked sizes of the layers, in bytes
 * @param lastTagTimeMillis when a tag was last set on the image, ms since the epoch (0 = never)
 */
public record ImageRecord(Digest id, List<Digest> diffIds, long sizeBytes, long lastTagTimeMillis) {
    /** Copies the list so the record stays immutable. */
    public ImageRecord {
        diffIds = List.copyOf(diffIds);
    }

    /** @return chain IDs of the layers, bottom first */
    public List<Digest> chainIds() {
        return ChainIds.of(diffIds);
    }

    /** @return the chain ID of the top layer, or {@code null} for an image without layers */
    public Digest topChainId() {
        List<Digest> chain = chainIds();
        return chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }

    /**
     * @param millis new last tag time
     * @return a copy with that last tag time
     */
    public ImageRecord withLastTagTime(long millis) {
        return new ImageRecord(id, diffIds, sizeBytes, millis);
    }
}
