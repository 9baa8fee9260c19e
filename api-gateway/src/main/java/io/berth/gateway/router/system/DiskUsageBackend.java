package io.berth.gateway.router.system;

import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.SnapshotInfo;
import java.util.List;

/**
 * What {@link DiskUsageRouter} needs (Docker Engine API 1.41 {@code GET /system/df}): the engine's containers,
 * the storage service's images and the snapshots holding their layers and the containers' writable layers.
 * Errors are the services' {@link io.berth.common.errors.BerthException} categories (503 when one is down).
 */
public interface DiskUsageBackend {
    /** @return engine ListContainers(all=true) */
    List<Container> listAllContainers();

    /** @return storage ListImages(all=true) */
    List<Image> listAllImages();

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
