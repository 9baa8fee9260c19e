package io.berth.storage.image;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.image.ImageConfig;
import io.berth.common.time.DockerTime;
import io.berth.storage.content.ContentStore;
import io.berth.storage.snapshot.SnapshotKind;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code docker image prune} as dockerd 20.10's {@code ImagesPrune} (moby daemon/images/image_prune.go):
 * filters {@code dangling} ({@code true}/{@code 1}, the default: only untagged images; {@code false}/{@code 0}:
 * every image, {@code -a}), {@code until} (images created after it stay; {@link DockerTime#pruneUntil}),
 * {@code label} (all must match) and {@code label!} (an image matching all of them stays). An untagged image
 * with children (images committed from it) is an intermediate image and stays. Each candidate is deleted as
 * {@code docker rmi} without force would (by ID, or by each of its tags for {@code -a}); one a container uses
 * or that has children is skipped silently. SpaceReclaimed sums the unpacked sizes of the layers removed (the
 * {@code Deleted} items naming layers), measured before the prune. Runs under the store's lock.
 */
@Singleton
public final class ImagePruner {
    private static final Logger LOG = LogManager.getLogger(ImagePruner.class);
    private static final Set<String> KEYS = Set.of("dangling", "until", "label", "label!");

    private final ImageIndex index;
    private final ImageDeleter deleter;
    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final Clock clock;

    @Inject
    ImagePruner(ImageIndex index, ImageDeleter deleter, ContentStore content, Snapshotter snapshotter, Clock clock) {
        this.index = index;
        this.deleter = deleter;
        this.content = content;
        this.snapshotter = snapshotter;
        this.clock = clock;
    }

    /**
     * What a prune removed.
     *
     * @param deleted Docker's ImagesDeleted items
     * @param reclaimedBytes SpaceReclaimed
     */
    public record Result(List<DeleteItem> deleted, long reclaimedBytes) {
    }

    /**
     * @param filters key → values
     * @param users containers using images
     * @return what was removed
     * @throws InvalidArgumentException "invalid filter 'x'" or a bad value
     */
    Result prune(Map<String, List<String>> filters, List<ImageUser> users) {
        for (String k : filters.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidArgumentException("invalid filter '" + k + "'");
            }
        }
        boolean danglingOnly = danglingOnly(filters.getOrDefault("dangling", List.of()));
        List<String> until = filters.getOrDefault("until", List.of());
        if (until.size() > 1) {
            throw new InvalidArgumentException("more than one until filter specified");
        }
        Instant untilTime = until.isEmpty() ? null : DockerTime.pruneUntil(until.get(0), clock.instant());
        List<String> labels = filters.getOrDefault("label", List.of());
        List<String> notLabels = filters.getOrDefault("label!", List.of());

        Map<String, Long> layerSizes = new HashMap<>();
        snapshotter.walk(s -> {
            String size = s.labels().get(LayerUnpacker.SIZE_LABEL);
            if (s.kind() == SnapshotKind.COMMITTED && size != null) {
                layerSizes.put(s.name(), Long.parseLong(size));
            }
        });
        List<Candidate> candidates = new ArrayList<>();
        for (ImageRecord r : index.images()) {
            List<String> tags = index.tagsOf(r.id());
            boolean hasChildren = index.images().stream().anyMatch(o -> r.id().equals(o.parent()));
            if ((tags.isEmpty() && hasChildren) || (danglingOnly && !tags.isEmpty())) {
                continue;
            }
            ImageConfig config = ImageConfig.parse(content.read(r.id()));
            Instant created = config.createdTime();
            if (untilTime != null && created != null && created.isAfter(untilTime)) {
                continue;
            }
            Map<String, String> l = config.labels();
            if (!labels.stream().allMatch(f -> ImageFilter.matchesLabel(f, l))) {
                continue;
            }
            if (!notLabels.isEmpty() && notLabels.stream().allMatch(f -> ImageFilter.matchesLabel(f, l))) {
                continue;
            }
            candidates.add(new Candidate(r, tags, created == null ? Instant.EPOCH : created));
        }
        candidates.sort(Comparator.comparing(Candidate::created).reversed());
        List<DeleteItem> deleted = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.tags().isEmpty()) {
                tryDelete(c.image().id().hex(), users, deleted);
            } else {
                for (String t : c.tags()) {
                    tryDelete(t, users, deleted);
                }
            }
        }
        long reclaimed = 0;
        for (DeleteItem d : deleted) {
            if (d.deleted() != null) {
                reclaimed += layerSizes.getOrDefault(d.deleted(), 0L);
            }
        }
        return new Result(deleted, reclaimed);
    }

    private void tryDelete(String ref, List<ImageUser> users, List<DeleteItem> deleted) {
        try {
            deleted.addAll(deleter.delete(ref, false, users));
        } catch (ConflictException | NotFoundException e) {
            LOG.debug("prune keeps {}: {}", ref, e.getMessage());
        }
    }

    private static boolean danglingOnly(List<String> values) {
        if (values.isEmpty()) {
            return true;
        }
        if (values.contains("false") || values.contains("0")) {
            return false;
        }
        if (values.contains("true") || values.contains("1")) {
            return true;
        }
        throw new InvalidArgumentException("Invalid filter 'dangling=" + String.join(",", values) + "'");
    }

    private record Candidate(ImageRecord image, List<String> tags, Instant created) {
    }
}
