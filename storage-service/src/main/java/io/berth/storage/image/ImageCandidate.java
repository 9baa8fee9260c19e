package io.berth.storage.image;

import io.berth.storage.content.Digest;
import java.util.List;

/**
 * One image found in an archive, not yet verified or stored.
 *
 * @param configJson the config blob's bytes
 * @param layers the layers, bottom first
 * @param tags familiar references to set (validated and tagged), possibly empty
 */
public record ImageCandidate(byte[] configJson, List<Layer> layers, List<Reference> tags) {
    /** Copies the lists so the record stays immutable. */
    public ImageCandidate {
        layers = List.copyOf(layers);
        tags = List.copyOf(tags);
    }

    /**
     * A layer file of the archive.
     *
     * @param path its path in the archive
     * @param blobDigest digest the stored file must have (OCI layout), or {@code null} if the archive gives
     *     none (docker-archive: only the diff ID from the config is checked)
     */
    public record Layer(String path, Digest blobDigest) {
    }
}
