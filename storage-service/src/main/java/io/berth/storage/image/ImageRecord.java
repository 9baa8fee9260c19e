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
 * @param parent the image this one was committed from (dockerd's image store parent link, which
 *     {@code docker history} walks), or {@code null}; records written before it existed load with null
 */
public record ImageRecord(Digest id, List<Digest> diffIds, long sizeBytes, long lastTagTimeMillis, Digest parent) {
    /** Copies the list so the record stays immutable. */
    public ImageRecord {
        diffIds = List.copyOf(diffIds);
    }

    /**
     * An image without a parent (loaded, imported, pulled).
     *
     * @param id image ID
     * @param diffIds diff IDs, bottom first
     * @param sizeBytes unpacked size
     * @param lastTagTimeMillis last tag time (0 = never)
     */
    public ImageRecord(Digest id, List<Digest> diffIds, long sizeBytes, long lastTagTimeMillis) {
        this(id, diffIds, sizeBytes, lastTagTimeMillis, null);
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
        return new ImageRecord(id, diffIds, sizeBytes, millis, parent);
    }
}
