package io.berth.gateway.router.system;

import io.berth.proto.storage.v1.SnapshotInfo;

/**
 * What {@link DiskUsageRouter} needs beyond the containers ({@link SystemBackend}) and images
 * ({@link io.berth.gateway.router.images.ImagesBackend}) for Docker Engine API 1.41 {@code GET /system/df}: the
 * storage snapshots holding the images' layers and the containers' writable layers.
 * Errors are the services' {@link io.berth.common.errors.BerthException} categories (503 when one is down).
 */
public interface DiskUsageBackend {
    /**
     * @param name a committed layer snapshot (named by its chain ID)
     * @return storage Snapshots.Stat: its parent and labels (the unpacked size in {@code berth.layer.size-bytes});
     *     one with no parent and no labels if it does not exist (an image being deleted)
     */
    SnapshotInfo stat(String name);

    /**
     * @param key an active snapshot (a container's, keyed by the container ID)
     * @return storage Snapshots.Usage: bytes of its own layer; -1 if it does not exist (a container being removed)
     */
    long usageBytes(String key);
}
