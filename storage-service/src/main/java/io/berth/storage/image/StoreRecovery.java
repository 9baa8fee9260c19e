package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.storage.StorageLayout;
import io.berth.storage.snapshot.SnapshotInfo;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The image store's start step, run once by {@code StorageMain} before the service serves: removes what a
 * load or delete interrupted by a crash left behind. A load keeps its undo list ({@link LoadJournal}) in
 * memory only, so after a crash its leftovers are found instead: uploads in {@code <data-root>/storage/tmp/},
 * extraction snapshots ({@code extract-*}), and layer snapshots and blobs no image references
 * ({@link LayerCollector#collectOrphans()}; a delete removes the image from the index first, so its
 * leftovers are of that kind too). Also creates the store's directories.
 */
@Singleton
public final class StoreRecovery {
    private static final Logger LOG = LogManager.getLogger(StoreRecovery.class);

    private final StorageLayout layout;
    private final Snapshotter snapshotter;
    private final LayerCollector layers;

    /**
     * @param layout where the store lives
     * @param snapshotter the storage driver holding the layers
     * @param layers finds and removes unreferenced layers and blobs
     */
    @Inject
    public StoreRecovery(StorageLayout layout, Snapshotter snapshotter, LayerCollector layers) {
        this.layout = layout;
        this.snapshotter = snapshotter;
        this.layers = layers;
    }

    /**
     * Empties {@code tmp/}, creates {@code tmp/} and {@code images/}, removes {@code extract-*} snapshots,
     * then unreferenced layer snapshots and blobs.
     *
     * @return the layer snapshots and blobs removed as unreferenced
     * @throws InternalException if the directories cannot be prepared
     */
    public LayerCollector.Collected recover() {
        try {
            emptyTmp();
            Files.createDirectories(layout.tmp());
            Files.createDirectories(layout.images());
        } catch (IOException e) {
            throw new InternalException("cannot prepare " + layout.tmp() + ": " + e.getMessage(), e);
        }
        List<String> stale = new ArrayList<>();
        snapshotter.walk((SnapshotInfo s) -> {
            if (s.name().startsWith(LayerUnpacker.EXTRACT_PREFIX)) {
                stale.add(s.name());
            }
        });
        for (String key : stale) {
            LOG.info("removing snapshot {} of an interrupted load", key);
            snapshotter.remove(key);
        }
        LayerCollector.Collected collected = layers.collectOrphans();
        if (!collected.snapshots().isEmpty() || !collected.blobs().isEmpty()) {
            LOG.info("recovery removed {} unreferenced layer snapshot(s) and {} blob(s)",
                    collected.snapshots().size(), collected.blobs().size());
        }
        return collected;
    }

    /** Removes what uploads left in {@code tmp/}, entry by entry: one that cannot go is logged, not fatal. */
    private void emptyTmp() throws IOException {
        if (!Files.isDirectory(layout.tmp())) {
            return;
        }
        try (var entries = Files.list(layout.tmp())) {
            for (var p : (Iterable<java.nio.file.Path>) entries::iterator) {
                try {
                    AtomicFiles.deleteTree(p);
                } catch (IOException e) {
                    LOG.warn("cannot remove leftover {} (left for the next start): {}", p, e.toString());
                }
            }
        }
    }
}
