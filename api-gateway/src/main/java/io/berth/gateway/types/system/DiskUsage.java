package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.types.images.ImageSummary;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code GET /system/df} (moby {@code types.DiskUsage}), in dockerd's field
 * order; built by {@link DiskUsageMapper}.
 *
 * @param layersSize LayersSize: bytes of every image layer, each shared layer counted once
 * @param images Images: ImageSummary with Containers (containers using it) and SharedSize (bytes of its
 *     layers that other images use too)
 * @param containers Containers: ContainerSummary plus SizeRw (bytes of the writable layer) and SizeRootFs
 *     (SizeRw plus the image's size)
 * @param volumes Volumes: every volume with UsageData (Size in bytes, RefCount)
 * @param buildCache BuildCache (empty: berth has no builder)
 */
public record DiskUsage(
        @JsonProperty("LayersSize") long layersSize,
        @JsonProperty("Images") List<ImageSummary> images,
        @JsonProperty("Containers") List<ObjectNode> containers,
        @JsonProperty("Volumes") List<Object> volumes,
        @JsonProperty("BuildCache") List<Object> buildCache) {
}
