package io.berth.gateway.types.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.types.containers.ContainerSummaryMapper;
import io.berth.gateway.types.images.ImageSummary;
import io.berth.gateway.types.images.ImageSummaryMapper;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Computes {@code GET /system/df} as dockerd 20.10 does (moby {@code daemon/disk_usage.go},
 * {@code daemon/images/images.go} with extra attributes):
 * <ul>
 *   <li>an image's layers are the chain of committed snapshots from its top chain ID down through the parents;
 *       a layer's size is the unpacked size storage recorded for it (label {@value #SIZE_LABEL});</li>
 *   <li>LayersSize sums every distinct layer once (an image tagged twice is one image, a layer shared by two
 *       images counts once);</li>
 *   <li>an image's SharedSize sums its layers that another image uses as well, Containers counts the
 *       containers created from it; Size is its whole size;</li>
 *   <li>a container's SizeRw is its writable layer's usage, SizeRootFs SizeRw plus its image's size.</li>
 * </ul>
 * The docker CLI derives TOTAL/ACTIVE/SIZE/RECLAIMABLE from these (reclaimable images: LayersSize minus
 * Size − SharedSize of the images in use; reclaimable containers: SizeRw of those not running).
 */
public final class DiskUsageMapper {
    /** The label storage puts the unpacked size (bytes) of a layer snapshot in. */
    public static final String SIZE_LABEL = "berth.layer.size-bytes";

    private DiskUsageMapper() {
    }

    /**
     * @param images every image
     * @param containers every container
     * @param stat the committed snapshot of a chain ID (parent and labels)
     * @param usage bytes of a container's writable layer by container ID, negative if unknown
     * @param now the current time (containers' Status)
     * @return the disk usage
     */
    public static DiskUsage of(List<Image> images, List<Container> containers, Function<String, SnapshotInfo> stat,
                               ToLongFunction<String> usage, Instant now) {
        Map<String, SnapshotInfo> layers = new HashMap<>();
        Map<String, Set<String>> chains = new HashMap<>();
        Map<String, Integer> users = new HashMap<>();
        for (Image i : images) {
            Set<String> chain = chain(i.getTopChainId(), stat, layers);
            chains.put(i.getId(), chain);
            chain.forEach(l -> users.merge(l, 1, Integer::sum));
        }
        long layersSize = 0;
        for (String l : users.keySet()) {
            layersSize += size(layers.get(l));
        }
        Map<String, Long> containersPerImage = new HashMap<>();
        for (Container c : containers) {
            containersPerImage.merge(c.getImageId(), 1L, Long::sum);
        }
        List<ImageSummary> imageOut = new ArrayList<>();
        Map<String, Long> imageSize = new HashMap<>();
        for (Image i : images) {
            long shared = 0;
            for (String l : chains.get(i.getId())) {
                if (users.get(l) > 1) {
                    shared += size(layers.get(l));
                }
            }
            ImageSummary s = ImageSummaryMapper.of(i);
            imageSize.put(i.getId(), s.size());
            imageOut.add(new ImageSummary(containersPerImage.getOrDefault(i.getId(), 0L), s.created(), s.id(),
                    s.labels(), s.parentId(), s.repoDigests(), s.repoTags(), shared, s.size(), s.virtualSize()));
        }
        List<ObjectNode> containerOut = new ArrayList<>();
        for (Container c : containers) {
            long rw = Math.max(0, usage.applyAsLong(c.getId()));
            long rootFs = rw + imageSize.getOrDefault(c.getImageId(), 0L);
            containerOut.add(ContainerSummaryMapper.withSizes(ContainerSummaryMapper.of(c, now), rw, rootFs));
        }
        return new DiskUsage(layersSize, imageOut, containerOut, List.of(), List.of());
    }

    private static Set<String> chain(String top, Function<String, SnapshotInfo> stat, Map<String, SnapshotInfo> seen) {
        Set<String> chain = new LinkedHashSet<>();
        for (String name = top; !name.isEmpty() && chain.add(name); ) {
            SnapshotInfo info = seen.computeIfAbsent(name, stat);
            name = info.getParent();
        }
        return chain;
    }

    private static long size(SnapshotInfo info) {
        try {
            return Math.max(0, Long.parseLong(info.getLabelsOrDefault(SIZE_LABEL, "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
