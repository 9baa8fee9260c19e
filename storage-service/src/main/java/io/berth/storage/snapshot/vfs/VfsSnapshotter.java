package io.berth.storage.snapshot.vfs;

import io.berth.storage.fs.FileTrees;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.LocalSnapshotter;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotKind;
import io.berth.storage.snapshot.SnapshotRecord;
import io.berth.storage.snapshot.tree.FileStat;
import io.berth.storage.snapshot.tree.InitLayer;
import io.berth.storage.snapshot.tree.LayerStack;
import io.berth.storage.snapshot.tree.TreeChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The "vfs" storage driver: every snapshot is a full copy of its parent (containerd's native snapshotter,
 * Docker's vfs graphdriver). Slow and large, but works on any filesystem and needs no overlayfs.
 *
 * <h2>On-disk layout</h2>
 * <pre>
 * &lt;root&gt;/metadata.json          keys/names → numeric IDs, kinds, parents, labels ({@code MetaStore})
 * &lt;root&gt;/snapshots/&lt;id&gt;/fs       the snapshot's complete tree (parent content copied with cp -a)
 * &lt;root&gt;/snapshots/new-*         a snapshot being built; renamed to &lt;id&gt; when complete
 * &lt;root&gt;/snapshots/rm-&lt;id&gt;        a snapshot being deleted
 * </pre>
 * Mounts are always a bind of the snapshot's own {@code fs} ({@code rw} for active, {@code ro} for views).
 * Layer whiteouts are applied by deleting paths in the copied tree, so no special files are stored.
 */
public class VfsSnapshotter extends LocalSnapshotter {
    /** Docker's name for this driver. */
    public static final String NAME = "vfs";

    /**
     * @param root the driver root, {@code <data-root>/storage/vfs}
     * @throws io.berth.common.errors.InternalException if the root cannot be set up
     */
    public VfsSnapshotter(Path root) {
        super(root);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected final void populate(Path dir, SnapshotRecord record, List<SnapshotRecord> parentChain)
            throws IOException {
        Path fs = dir.resolve("fs");
        if (parentChain.isEmpty()) {
            createEmpty(fs);
        } else {
            copyOf(fsOf(parentChain.get(0)), fs);
        }
    }

    /**
     * Makes a snapshot's empty tree (mode 0755).
     *
     * @param fs the path of the new tree, not existing yet
     * @throws IOException if it cannot be made
     */
    protected void createEmpty(Path fs) throws IOException {
        Files.createDirectory(fs);
        Files.setPosixFilePermissions(fs, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Makes a snapshot's tree as a complete copy of its parent's, owners, modes, times, xattrs and links kept.
     *
     * @param parentFs the parent's tree
     * @param fs the path of the new tree, not existing yet
     * @throws IOException if it cannot be copied
     */
    protected void copyOf(Path parentFs, Path fs) throws IOException {
        createEmpty(fs);
        FileTrees.copyContents(parentFs, fs);
    }

    @Override
    protected List<Mount> mountsOf(SnapshotRecord record, List<SnapshotRecord> parentChain) {
        String mode = record.kind() == SnapshotKind.VIEW ? "ro" : "rw";
        return List.of(new Mount("bind", fsOf(record).toString(), List.of(mode, "rbind")));
    }

    /** The snapshot's copy against its parent's copy ({@link TreeChanges}, moby's naive differ). */
    @Override
    protected boolean reportsParentsOfModifiedPaths() {
        return true;
    }

    @Override
    protected List<Change> changesOf(SnapshotRecord record, List<SnapshotRecord> parentChain) throws IOException {
        return TreeChanges.of(fsOf(record), parentChain.isEmpty() ? null : fsOf(parentChain.get(0)));
    }

    /**
     * The snapshot's complete copy; with an init layer, that layer goes on top but holds only the entries
     * whose path the container left as its image had it (absent, or unchanged against the parent's copy),
     * since a vfs copy cannot tell image files from the container's own.
     */
    @Override
    protected LayerStack exportStack(SnapshotRecord record, List<SnapshotRecord> parentChain, Path initDir)
            throws IOException {
        Path fs = fsOf(record);
        if (initDir == null) {
            return LayerStack.of(List.of(fs));
        }
        Path parent = parentChain.isEmpty() ? null : fsOf(parentChain.get(0));
        InitLayer.build(initDir, LayerStack.of(List.of(fs)), path -> asInImage(fs, parent, path),
                FileTime.fromMillis(record.createdMillis()));
        return LayerStack.of(List.of(initDir, fs));
    }

    private static boolean asInImage(Path fs, Path parent, String path) {
        try {
            Path mine = fs.resolve(path.substring(1));
            if (FileStat.lstat(mine) == null) {
                return true;
            }
            return parent != null && TreeChanges.same(parent.resolve(path.substring(1)), mine);
        } catch (IOException e) {
            return false;
        }
    }

    /** Docker's vfs driver reports no DriverStatus (subclasses report theirs). */
    @Override
    public List<Map.Entry<String, String>> status() {
        return List.of();
    }

    /** Docker's vfs driver has no GraphDriver.Data. */
    @Override
    public Map<String, String> driverData(String key) {
        record(key);
        return Map.of();
    }
}
