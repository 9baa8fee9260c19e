package io.berth.storage.snapshot;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.storage.fs.FileTrees;
import io.berth.storage.snapshot.tree.InitLayer;
import io.berth.storage.snapshot.tree.LayerDiffTar;
import io.berth.storage.snapshot.tree.LayerStack;
import io.berth.storage.snapshot.tree.TarExport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The bookkeeping every directory-based driver shares (containerd's overlay and native snapshotters do the
 * same): a {@link MetaStore} maps keys to numeric IDs, each snapshot lives in {@code snapshots/<id>/},
 * never named by key. A new snapshot is built in a temp directory {@code snapshots/new-*} and renamed into
 * place before its metadata is written; a removed one is renamed to {@code snapshots/rm-<id>} before its
 * metadata is dropped and deleted afterwards. An export's init layer is built in {@code snapshots/new-init-*}
 * and deleted when the export ends. Leftover {@code new-*} and {@code rm-*} directories of a crash are
 * deleted when the driver opens, by descriptor (common's {@code TreeRemover}: any depth, any path length); one
 * that still cannot be removed (a mount on it, an immutable file) is logged and left for the next start, never
 * a reason not to open. All public methods are serialised on this object.
 *
 * <p>Subclasses decide what goes into a new snapshot directory and how it is mounted.
 */
public abstract class LocalSnapshotter implements StorageDriver {
    private static final Logger LOG = LogManager.getLogger(LocalSnapshotter.class);

    /** The driver's root directory. */
    protected final Path root;
    private final Path snapshots;
    private final MetaStore meta;

    /**
     * Opens the driver root, creating {@code metadata.json} and {@code snapshots/} if needed.
     *
     * @param root the driver's root directory
     * @throws InternalException if the root cannot be set up
     */
    protected LocalSnapshotter(Path root) {
        this.root = root;
        this.snapshots = root.resolve("snapshots");
        try {
            Files.createDirectories(snapshots);
            deleteLeftovers();
        } catch (IOException e) {
            throw new InternalException("cannot open snapshot root " + root + ": " + e.getMessage(), e);
        }
        this.meta = MetaStore.open(root.resolve("metadata.json"));
        deleteOrphans();
    }

    /**
     * Fills a new snapshot's temp directory (e.g. {@code fs/} and {@code work/}).
     *
     * @param dir the empty temp directory that becomes {@code snapshots/<id>} ({@link #dirOf} of the record)
     * @param record the new snapshot ({@link SnapshotKind#ACTIVE} or {@link SnapshotKind#VIEW}), not stored yet
     * @param parentChain committed ancestors, nearest first (empty if none)
     * @throws IOException if the directory cannot be filled
     */
    protected abstract void populate(Path dir, SnapshotRecord record, List<SnapshotRecord> parentChain)
            throws IOException;

    /**
     * Called once a snapshot's directory is gone (removed, or discarded after a failed create), for what a
     * driver keeps outside {@code snapshots/<id>} (overlay2's {@code l/} link). Must not throw.
     *
     * @param record the snapshot
     * @param dir the directory it had
     */
    protected void removed(SnapshotRecord record, Path dir) {
    }

    /** @return every snapshot record, in no particular order */
    protected synchronized List<SnapshotRecord> records() {
        return meta.all();
    }

    /**
     * @param record an active or view snapshot
     * @param parentChain its committed ancestors, nearest first
     * @return its mounts
     */
    protected abstract List<Mount> mountsOf(SnapshotRecord record, List<SnapshotRecord> parentChain);

    /**
     * @param record a snapshot
     * @param parentChain its committed ancestors, nearest first
     * @return its changes against its parent, in walk order
     * @throws IOException if a tree cannot be read
     */
    protected abstract List<Change> changesOf(SnapshotRecord record, List<SnapshotRecord> parentChain)
            throws IOException;

    /**
     * The layers whose merged view is the snapshot's tree.
     *
     * @param record a snapshot
     * @param parentChain its committed ancestors, nearest first
     * @param initDir an empty directory to build dockerd's init layer in ({@link InitLayer#build}) and stack
     *     where it belongs, or {@code null} for none
     * @return the stack, topmost layer first
     * @throws IOException if the init layer cannot be built
     */
    protected abstract LayerStack exportStack(SnapshotRecord record, List<SnapshotRecord> parentChain, Path initDir)
            throws IOException;

    /**
     * @return true if the driver's differ reports a directory "C" whenever anything below it changed (moby's
     *     naive differ), false if only for an added or deleted direct child (moby's overlay differ)
     */
    protected abstract boolean reportsParentsOfModifiedPaths();

    /**
     * Checks driver limits before a snapshot is created (e.g. overlayfs's 128 lower directories).
     *
     * @param key the new key
     * @param parentChain the new snapshot's committed ancestors, nearest first
     * @throws InvalidArgumentException if a limit is exceeded
     */
    protected void checkLimits(String key, List<SnapshotRecord> parentChain) {
    }

    /**
     * @param record a snapshot
     * @return its directory {@code snapshots/<id>}
     */
    protected Path dirOf(SnapshotRecord record) {
        return snapshots.resolve(Long.toString(record.id()));
    }

    /**
     * @param record a snapshot
     * @return its file tree {@code snapshots/<id>/fs}
     */
    protected Path fsOf(SnapshotRecord record) {
        return dirOf(record).resolve("fs");
    }

    @Override
    public synchronized SnapshotInfo stat(String key) {
        return meta.require(key).info();
    }

    @Override
    public synchronized boolean exists(String key) {
        return meta.get(key).isPresent();
    }

    @Override
    public synchronized Usage usage(String key) {
        SnapshotRecord r = meta.require(key);
        try {
            long[] u = FileTrees.usage(fsOf(r));
            return new Usage(u[0], u[1]);
        } catch (IOException e) {
            throw new InternalException("cannot measure snapshot " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Mount> mounts(String key) {
        SnapshotRecord r = meta.require(key);
        if (r.kind() == SnapshotKind.COMMITTED) {
            throw new InvalidArgumentException("snapshot " + key + " is committed: only active and view "
                    + "snapshots have mounts");
        }
        return mountsOf(r, chainOf(r.parent()));
    }

    @Override
    public List<Mount> prepare(String key, String parent, Map<String, String> labels) {
        return create(SnapshotKind.ACTIVE, key, parent, labels);
    }

    @Override
    public List<Mount> view(String key, String parent, Map<String, String> labels) {
        return create(SnapshotKind.VIEW, key, parent, labels);
    }

    private synchronized List<Mount> create(SnapshotKind kind, String key, String parent,
                                            Map<String, String> labels) {
        if (key == null || key.isEmpty()) {
            throw new InvalidArgumentException("snapshot key must not be empty");
        }
        if (meta.get(key).isPresent()) {
            throw new AlreadyExistsException("snapshot " + key + ": already exists");
        }
        String p = parent == null ? "" : parent;
        List<SnapshotRecord> chain = chainOf(p);
        if (!chain.isEmpty() && chain.get(0).kind() != SnapshotKind.COMMITTED) {
            throw new InvalidArgumentException("parent " + p + " of snapshot " + key + " is not committed");
        }
        checkLimits(key, chain);
        SnapshotRecord record = new SnapshotRecord(meta.allocateId(), key, kind, p, labels,
                System.currentTimeMillis());
        Path dir = build(record, chain);
        try {
            meta.put(null, record);
        } catch (RuntimeException e) {
            discard(dir, record.id());
            removed(record, dir);
            throw e;
        }
        LOG.debug("{} snapshot {} (id {}) on parent '{}'", kind, key, record.id(), p);
        return mountsOf(record, chain);
    }

    private Path build(SnapshotRecord record, List<SnapshotRecord> chain) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(snapshots, "new-");
            populate(tmp, record, chain);
            Path dir = dirOf(record);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            deleteQuietly(tmp);
            removed(record, dirOf(record));
            throw new InternalException("cannot create snapshot " + record.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void commit(String name, String key, Map<String, String> labels) {
        SnapshotRecord r = meta.require(key);
        if (r.kind() != SnapshotKind.ACTIVE) {
            throw new InvalidArgumentException("snapshot " + key + " is " + r.kind().name().toLowerCase()
                    + ": only active snapshots can be committed");
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("snapshot name must not be empty");
        }
        if (meta.get(name).isPresent()) {
            throw new AlreadyExistsException("snapshot " + name + ": already exists");
        }
        Map<String, String> merged = new HashMap<>(r.labels());
        merged.putAll(labels);
        meta.put(key, new SnapshotRecord(r.id(), name, SnapshotKind.COMMITTED, r.parent(), merged,
                r.createdMillis()));
        LOG.debug("committed snapshot {} as {} (id {})", key, name, r.id());
    }

    @Override
    public synchronized void remove(String key) {
        SnapshotRecord r = meta.require(key);
        List<SnapshotRecord> children = meta.children(key);
        if (!children.isEmpty()) {
            throw new ConflictException("cannot remove snapshot " + key + ": it is the parent of "
                    + children.size() + " other snapshot(s), e.g. " + children.get(0).key());
        }
        Path dir = dirOf(r);
        Path doomed = snapshots.resolve("rm-" + r.id());
        try {
            if (Files.exists(dir)) {
                Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new InternalException("cannot remove snapshot " + key + ": " + e.getMessage(), e);
        }
        try {
            meta.remove(key);
        } catch (RuntimeException e) {
            try {
                Files.move(doomed, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException back) {
                e.addSuppressed(back);
            }
            throw e;
        }
        deleteQuietly(doomed);
        removed(r, dir);
        LOG.debug("removed snapshot {} (id {})", key, r.id());
    }

    @Override
    public List<Change> changes(String key, boolean dockerInitLayer) {
        SnapshotRecord r;
        List<SnapshotRecord> chain;
        synchronized (this) {
            r = meta.require(key);
            chain = chainOf(r.parent());
        }
        try {
            List<Change> all = changesOf(r, chain);
            return dockerInitLayer ? InitLayer.hide(all, reportsParentsOfModifiedPaths()) : all;
        } catch (IOException e) {
            throw new InternalException("cannot list the changes of snapshot " + key + ": " + e.getMessage(), e);
        }
    }

    /** Reads the layers without this object's lock, so other calls go on while a long export streams. */
    @Override
    public void export(String key, boolean dockerInitLayer, OutputStream out) throws IOException {
        SnapshotRecord r;
        List<SnapshotRecord> chain;
        synchronized (this) {
            r = meta.require(key);
            chain = chainOf(r.parent());
        }
        Path initDir = dockerInitLayer ? Files.createTempDirectory(snapshots, "new-init-") : null;
        try {
            TarExport.write(exportStack(r, chain, initDir), out);
        } finally {
            deleteQuietly(initDir);
        }
    }

    /** The changes ({@link #changes} with the init layer hidden) written from the merged tree, lock-free. */
    @Override
    public void diff(String key, OutputStream out, java.time.Instant whiteoutTime) throws IOException {
        SnapshotRecord r;
        List<SnapshotRecord> chain;
        synchronized (this) {
            r = meta.require(key);
            chain = chainOf(r.parent());
        }
        List<Change> changes = InitLayer.hide(changesOf(r, chain), reportsParentsOfModifiedPaths());
        LayerDiffTar.write(changes, exportStack(r, chain, null), out, FileTime.from(whiteoutTime));
    }

    @Override
    public synchronized void walk(Consumer<SnapshotInfo> visitor) {
        for (SnapshotRecord r : meta.all()) {
            visitor.accept(r.info());
        }
    }

    /**
     * @param key key or name
     * @return the record
     * @throws io.berth.common.errors.NotFoundException if absent
     */
    protected synchronized SnapshotRecord record(String key) {
        return meta.require(key);
    }

    /**
     * @param name name of a committed snapshot, or {@code ""}
     * @return that snapshot and its ancestors, nearest first; empty for {@code ""}
     * @throws io.berth.common.errors.NotFoundException if a snapshot of the chain is missing
     */
    protected synchronized List<SnapshotRecord> chainOf(String name) {
        List<SnapshotRecord> chain = new ArrayList<>();
        String next = name;
        while (!next.isEmpty()) {
            SnapshotRecord r = meta.require(next);
            chain.add(r);
            next = r.parent();
        }
        return chain;
    }

    @Override
    public void close() {
        LOG.debug("closed snapshotter at {}", root);
    }

    private void discard(Path dir, long id) {
        Path doomed = snapshots.resolve("rm-" + id);
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(doomed);
        } catch (IOException e) {
            LOG.warn("cannot discard {}: {}", dir, e.toString());
        }
    }

    private void deleteLeftovers() throws IOException {
        try (var entries = Files.list(snapshots)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith("new-") || n.startsWith("rm-")) {
                    LOG.info("deleting leftover snapshot directory {}", p);
                    deleteQuietly(p);
                }
            }
        }
    }

    /** Deletes snapshot directories without metadata (a crash between the rename and the metadata write). */
    private void deleteOrphans() {
        Set<String> known = new HashSet<>();
        for (SnapshotRecord r : meta.all()) {
            known.add(Long.toString(r.id()));
        }
        try (var entries = Files.list(snapshots)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit) && !known.contains(n)) {
                    LOG.info("deleting snapshot directory {} that has no metadata", p);
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            throw new InternalException("cannot list " + snapshots + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a snapshot directory (or a leftover of one) entirely; drivers whose snapshots hold more than
     * plain directories (btrfs subvolumes) remove those first.
     *
     * @param dir a {@code snapshots/<id>}, {@code rm-<id>} or {@code new-*} directory
     * @throws IOException if it cannot be removed
     */
    protected void deleteSnapshotDir(Path dir) throws IOException {
        AtomicFiles.deleteTree(dir);
    }

    private void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            deleteSnapshotDir(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.toString());
        }
    }
}
