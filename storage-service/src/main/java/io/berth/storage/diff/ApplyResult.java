package io.berth.storage.diff;

import io.berth.storage.content.Digest;

/**
 * What applying a layer produced.
 *
 * @param diffId sha256 of the uncompressed layer tar (OCI image-spec config.md#layer-diffid)
 * @param sizeBytes unpacked size in bytes: the sum of the sizes of the layer's regular files
 */
public record ApplyResult(Digest diffId, long sizeBytes) {
}
