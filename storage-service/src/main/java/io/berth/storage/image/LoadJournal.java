package io.berth.storage.image;

import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Snapshotter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Records what one image load created (blobs that did not exist before, layer snapshots committed), so a
 * failed load can remove exactly that and leave the store as it was. Thread-safe: a pull's parallel downloads
 * record into one journal.
 */
final class LoadJournal {
    private static final Logger LOG = LogManager.getLogger(LoadJournal.class);

    private final List<Digest> blobs = new ArrayList<>();
    private final List<String> snapshots = new ArrayList<>();

    /** @param digest a blob this load stored for the first time */
    synchronized void blobCreated(Digest digest) {
        blobs.add(digest);
    }

    /** @param name a snapshot this load committed */
    synchronized void snapshotCreated(String name) {
        snapshots.add(name);
    }

    /**
     * Removes what the load created: snapshots newest first (children before parents), then blobs.
     * Failures are logged and the rest is still removed.
     */
    void rollback(ContentStore content, Snapshotter snapshotter) {
        rollback(content, snapshotter, d -> false);
    }

    /**
     * Like {@link #rollback(ContentStore, Snapshotter)}, keeping the blobs {@code keep} accepts (a pull keeps
     * blobs another running pull also uses).
     */
    synchronized void rollback(ContentStore content, Snapshotter snapshotter,
                               java.util.function.Predicate<Digest> keep) {
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            try {
                snapshotter.remove(snapshots.get(i));
            } catch (RuntimeException e) {
                LOG.warn("rollback: cannot remove snapshot {}: {}", snapshots.get(i), e.getMessage());
            }
        }
        for (Digest d : blobs) {
            if (keep.test(d)) {
                continue;
            }
            try {
                content.delete(d);
            } catch (RuntimeException e) {
                LOG.warn("rollback: cannot delete blob {}: {}", d, e.getMessage());
            }
        }
        LOG.debug("rolled back {} snapshot(s) and {} blob(s)", snapshots.size(), blobs.size());
    }
}
