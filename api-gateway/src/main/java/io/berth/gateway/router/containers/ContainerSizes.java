package io.berth.gateway.router.containers;

import io.berth.common.errors.NotFoundException;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.system.DiskUsageBackend;
import io.berth.proto.storage.v1.GetImageRequest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Docker's container sizes for {@code ?size=1} ({@code docker ps -s}, {@code docker inspect -s}), computed as
 * dockerd 20.10 does (moby {@code daemon/images/service.go} {@code GetContainerLayerSize}): SizeRw is the
 * bytes of the container's own writable layer (storage {@code Snapshots.Usage} of the snapshot keyed by the
 * container ID, as {@code system df}), SizeRootFs that plus its image's size (the sum of the image's unpacked
 * layers). Storage walks the writable layer for each call, so a listing with sizes costs one walk per container.
 * Not thread-safe: one instance per request (it caches image sizes).
 */
public class ContainerSizes {
    /**
     * The sizes of one container.
     *
     * @param rw SizeRw, bytes
     * @param rootFs SizeRootFs, bytes
     */
    public record Sizes(long rw, long rootFs) {
    }

    private final DiskUsageBackend snapshots;
    private final ImagesBackend images;

    /**
     * @param snapshots storage's snapshots (usage of a writable layer)
     * @param images storage's images (an image's size)
     */
    @Inject
    public ContainerSizes(DiskUsageBackend snapshots, ImagesBackend images) {
        this.snapshots = snapshots;
        this.images = images;
    }

    /** @return a calculator that asks storage for each image's size once */
    public Calculator calculator() {
        return new Calculator();
    }

    /** The sizes of the containers of one request. */
    public final class Calculator {
        private final Map<String, Long> imageSizes = new HashMap<>();

        private Calculator() {
        }

        /**
         * @param containerId the container (its snapshot key)
         * @param imageId its image, "sha256:&lt;hex&gt;"
         * @return its sizes; 0 for a writable layer or image that is gone (a container being removed)
         * @throws io.berth.common.errors.UnavailableException if storage is down
         */
        public Sizes of(String containerId, String imageId) {
            long rw = Math.max(0, snapshots.usageBytes(containerId));
            long image = imageSizes.computeIfAbsent(imageId, this::imageSize);
            return new Sizes(rw, rw + image);
        }

        private long imageSize(String imageId) {
            try {
                return Math.max(0, images.getImage(GetImageRequest.newBuilder().setReference(imageId).build())
                        .getImage().getSizeBytes());
            } catch (NotFoundException e) {
                return 0;
            }
        }
    }
}
