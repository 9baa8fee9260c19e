package io.berth.storage.image;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.SnapshotKind;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Layer garbage collection: which layer snapshots and blobs no image (and no container's root filesystem)
 * references any more, and their removal. What images reference is read from the {@link ImageIndex}: each
 * image's config blob (its ID), its layer blobs (diff IDs) and its layer snapshots (chain IDs). A layer
 * snapshot with children (a container's root filesystem, a view, a layer above it) is always kept, so a
 * container keeps the layers it stands on after its image was force-deleted, as dockerd's layer store does.
 *
 * <p>Only committed snapshots that {@link LayerUnpacker} made (they carry its
 * {@value LayerUnpacker#DIFF_ID_LABEL} label) are ever collected. Not thread-safe: the {@link ImageStore}
 * calls it under its lock, {@link StoreRecovery} before the service serves.
 */
@Singleton
public final class LayerCollector {
    private static final Logger LOG = LogManager.getLogger(LayerCollector.class);

    /**
     * What the stored images reference.
     *
     * @param configs image IDs (config blobs)
     * @param diffIds layer blobs
     * @param chainIds layer snapshots
     */
    record References(Set<Digest> configs, Set<Digest> diffIds, Set<Digest> chainIds) {
    }

    /**
     * What {@link #collectOrphans()} removed.
     *
     * @param snapshots names of the layer snapshots removed
     * @param blobs digests of the blobs removed
     */
    public record Collected(List<String> snapshots, List<Digest> blobs) {
    }

    private final ImageIndex index;
    private final ContentStore content;
    private final Snapshotter snapshotter;

    /**
     * @param index the image index (what is referenced)
     * @param content the blobs
     * @param snapshotter the layer snapshots
     */
    @Inject
    public LayerCollector(ImageIndex index, ContentStore content, Snapshotter snapshotter) {
        this.index = index;
        this.content = content;
        this.snapshotter = snapshotter;
    }

    /** @return what the images now in the index reference */
    References references() {
        Set<Digest> configs = new HashSet<>();
        Set<Digest> diffIds = new HashSet<>();
        Set<Digest> chainIds = new HashSet<>();
        for (ImageRecord r : index.images()) {
            configs.add(r.id());
            diffIds.addAll(r.diffIds());
            chainIds.addAll(r.chainIds());
        }
        return new References(configs, diffIds, chainIds);
    }

    /**
     * Removes what only a just-deleted image used (Docker Engine API v1.41 DELETE /images/{name}; dockerd
     * 20.10 daemon/images/image_delete.go releases the image's layers the same way): its layer snapshots
     * top down, stopping at the first one another image uses or that still has children, then its layer
     * blobs no other image uses, then its config blob.
     *
     * @param image the image, already removed from the index
     * @param items receives a {@code Deleted} item per layer snapshot removed, top first
     */
    void releaseImage(ImageRecord image, List<DeleteItem> items) {
        References used = references();
        List<Digest> chain = image.chainIds();
        for (int i = chain.size() - 1; i >= 0; i--) {
            Digest c = chain.get(i);
            if (used.chainIds().contains(c)) {
                break;
            }
            try {
                snapshotter.remove(c.toString());
                items.add(DeleteItem.deleted(c.toString()));
            } catch (NotFoundException e) {
                LOG.debug("layer snapshot {} already gone", c);
            } catch (ConflictException e) {
                LOG.debug("keeping layer snapshot {}: {}", c, e.getMessage());
                break;
            }
        }
        for (Digest d : image.diffIds()) {
            if (!used.diffIds().contains(d)) {
                content.delete(d);
            }
        }
        content.delete(image.id());
    }

    /**
     * Removes layer snapshot {@code name} and the layers below it, bottom-most last, as long as no image
     * uses them and nothing else stands on them: what a container's root filesystem kept alive after its
     * image was force-deleted, released once the container's snapshot is gone.
     *
     * @param name the parent of a snapshot just removed, or {@code ""}/{@code null} for none
     */
    void releaseUnusedParents(String name) {
        Set<Digest> used = references().chainIds();
        while (name != null && !name.isEmpty() && !isUsed(used, name) && snapshotter.exists(name)) {
            SnapshotInfo layer = snapshotter.stat(name);
            if (!isLayer(layer)) {
                return;
            }
            try {
                snapshotter.remove(name);
            } catch (ConflictException stillUsed) {
                return;
            }
            LOG.info("removed layer snapshot {}: no image or container uses it any more", name);
            name = layer.parent();
        }
    }

    /**
     * Removes every layer snapshot and blob that nothing references: what a load or a delete that was
     * interrupted (the process killed between its steps) left behind. Layer snapshots go children first;
     * one with children that are not collectable stays, and so do its parents.
     *
     * @return what was removed
     */
    public Collected collectOrphans() {
        References used = references();
        List<String> removedSnapshots = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            List<SnapshotInfo> all = new ArrayList<>();
            snapshotter.walk(all::add);
            Set<String> parents = new HashSet<>();
            all.forEach(s -> parents.add(s.parent()));
            for (SnapshotInfo s : all) {
                if (isLayer(s) && !isUsed(used.chainIds(), s.name()) && !parents.contains(s.name())) {
                    snapshotter.remove(s.name());
                    removedSnapshots.add(s.name());
                    LOG.info("removed layer snapshot {}: no image or container uses it", s.name());
                    progress = true;
                }
            }
        }
        List<Digest> removedBlobs = new ArrayList<>();
        for (Digest d : content.list()) {
            if (!used.configs().contains(d) && !used.diffIds().contains(d)) {
                content.delete(d);
                removedBlobs.add(d);
                LOG.info("removed blob {}: no image uses it", d);
            }
        }
        return new Collected(removedSnapshots, removedBlobs);
    }

    private static boolean isLayer(SnapshotInfo s) {
        return s.kind() == SnapshotKind.COMMITTED
                && s.labels().containsKey(LayerUnpacker.DIFF_ID_LABEL);
    }

    private static boolean isUsed(Set<Digest> chainIds, String name) {
        return Digest.isDigest(name) && chainIds.contains(Digest.parse(name));
    }
}
