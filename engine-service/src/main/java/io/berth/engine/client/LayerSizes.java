package io.berth.engine.client;

/**
 * Disk usage of a container's layers, from the storage service, for Docker's {@code SizeRw} and
 * {@code SizeRootFs} ({@code docker ps -s}, {@code docker inspect -s}, {@code docker container prune}).
 */
public interface LayerSizes {
    /**
     * {@code Snapshots.Usage(containerId)}: the bytes of the container's own writable layer.
     *
     * @param containerId the container ID (its snapshot's key)
     * @return bytes
     * @throws io.berth.common.errors.NotFoundException if it has no snapshot
     */
    long writableLayer(String containerId);

    /**
     * {@code Images.GetImage(imageId)}: the sum of the image's unpacked layers.
     *
     * @param imageId "sha256:&lt;hex&gt;"
     * @return bytes
     * @throws io.berth.common.errors.NotFoundException if the image is gone
     */
    long image(String imageId);
}
