package io.berth.storage.snapshot.overlay;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.snapshot.BackingFilesystem;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.LocalSnapshotter;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotKind;
import io.berth.storage.snapshot.SnapshotRecord;
import io.berth.storage.snapshot.tree.InitLayer;
import io.berth.storage.snapshot.tree.LayerStack;
import io.berth.storage.snapshot.tree.OverlayChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The "overlay2" storage driver: snapshots stacked with the kernel's overlayfs (Documentation/filesystems/
 * overlayfs.rst), shaped like containerd's overlay snapshotter.
 *
 * <h2>On-disk layout</h2>
 * <pre>
 * &lt;root&gt;/metadata.json          keys/names → numeric IDs, kinds, parents, labels ({@code MetaStore})
 * &lt;root&gt;/snapshots/&lt;id&gt;/fs       the snapshot's own layer: a committed layer's files, or an active
 *                                snapshot's upper directory (whiteouts as 0/0 character devices, opaque
 *                                directories marked with the xattr trusted.overlay.opaque=y)
 * &lt;root&gt;/snapshots/&lt;id&gt;/work     overlayfs work directory of an active snapshot (same filesystem as fs)
 * &lt;root&gt;/snapshots/&lt;id&gt;/link     the snapshot's 26-character short link ID ({@link ShortLinks})
 * &lt;root&gt;/snapshots/&lt;id&gt;/lower    its lower directories as {@code l/<ID>} names, nearest parent first
 * &lt;root&gt;/l/&lt;ID&gt;                 symlink to {@code ../snapshots/<id>/fs}
 * &lt;root&gt;/snapshots/new-*         a snapshot being built; renamed to &lt;id&gt; when complete
 * &lt;root&gt;/snapshots/rm-&lt;id&gt;        a snapshot being deleted
 * </pre>
 *
 * <h2>Mounts</h2>
 * An active snapshot without parent is an {@code rbind} of its {@code fs}. An active snapshot with parents
 * is {@code overlay} with {@code lowerdir=} the parents' short links {@code <root>/l/<ID>} (dockerd's overlay2
 * names lower directories the same way), nearest parent first, and
 * its own {@code fs} as {@code upperdir} and {@code work} as {@code workdir}. A view of one parent is a
 * read-only bind of the parent's {@code fs}; a view of several is an overlay with only lower directories
 * (read-only by nature). {@code index=off} is always set because the same lower directories are shared
 * by many overlays.
 *
 * <h2>Kernel limits</h2>
 * overlayfs stacks at most 500 lower directories (OVL_MAX_STACK, fs/overlayfs/params.h); a prepare or view
 * whose parent chain is longer is refused with {@link InvalidArgumentException} "max depth exceeded" (dockerd's
 * overlay2 text; dockerd itself stops at 128, berth at the kernel's limit). mount(2) passes the option string in
 * one page (4096 bytes): with the short links about 60 layers fit on a typical data root; longer option strings
 * are mounted by common's {@code OverlayMount} (the new mount API with one {@code lowerdir+} per layer, or
 * dockerd's relative paths on kernels before 6.8), which the caller's {@code Sys.mount} does by itself.
 */
public final class OverlaySnapshotter extends LocalSnapshotter {
    /** Docker's name for this driver. */
    public static final String NAME = "overlay2";
    /** Maximum number of overlayfs lower directories (the kernel's OVL_MAX_STACK). */
    public static final int MAX_LOWERS = 500;
    private static final Logger LOG = LogManager.getLogger(OverlaySnapshotter.class);

    /** d_type support of the root's filesystem, measured when the driver opens (as dockerd's overlay2 Init). */
    private final boolean supportsDType;
    /** Native diff support, probed once on first use (as dockerd's useNaiveDiff); guarded by this. */
    private Boolean nativeDiff;
    /** The short link names under {@code l/}; guarded by this. */
    private final ShortLinks links;

    /**
     * @param root the driver root, {@code <data-root>/storage/overlay2}
     * @throws io.berth.common.errors.InternalException if the root cannot be set up
     */
    public OverlaySnapshotter(Path root) {
        super(root);
        boolean dtype;
        try {
            dtype = DTypeCheck.supportsDType(root);
        } catch (IOException e) {
            LOG.warn("overlay2: cannot check d_type support of {}: {}", root, e.getMessage());
            dtype = false;
        }
        if (!dtype) {
            LOG.warn("overlay2: the backing {} filesystem of {} is formatted without d_type support",
                    BackingFilesystem.of(root), root);
        }
        this.supportsDType = dtype;
        try {
            synchronized (this) {
                this.links = new ShortLinks(root);
                links.repair(records(), this::dirOf, r -> chainOf(r.parent()));
            }
        } catch (IOException e) {
            throw new io.berth.common.errors.InternalException("overlay2: cannot set up the short links in " + root
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void checkLimits(String key, List<SnapshotRecord> parentChain) {
        if (parentChain.size() > MAX_LOWERS) {
            throw new InvalidArgumentException("max depth exceeded: overlay2 snapshot " + key + " would stack "
                    + parentChain.size() + " lower directories, overlayfs's maximum is " + MAX_LOWERS);
        }
    }

    @Override
    protected void populate(Path dir, SnapshotRecord record, List<SnapshotRecord> parentChain) throws IOException {
        Files.createDirectory(dir.resolve("fs"));
        Files.setPosixFilePermissions(dir.resolve("fs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        if (record.kind() == SnapshotKind.ACTIVE) {
            Files.createDirectory(dir.resolve("work"));
            Files.setPosixFilePermissions(dir.resolve("work"), PosixFilePermissions.fromString("rwx------"));
        }
        links.create(dir, record.id());
        links.writeLower(dir, parentChain);
    }

    /** Deletes the snapshot's {@code l/} link. */
    @Override
    protected void removed(SnapshotRecord record, Path dir) {
        links.remove(record);
    }

    @Override
    protected List<Mount> mountsOf(SnapshotRecord record, List<SnapshotRecord> parentChain) {
        if (record.kind() == SnapshotKind.VIEW) {
            if (parentChain.isEmpty()) {
                return List.of(new Mount("bind", fsOf(record).toString(), List.of("ro", "rbind")));
            }
            if (parentChain.size() == 1) {
                return List.of(new Mount("bind", fsOf(parentChain.get(0)).toString(), List.of("ro", "rbind")));
            }
            return List.of(new Mount("overlay", "overlay", List.of("index=off", "lowerdir=" + linkedLowers(parentChain))));
        }
        if (parentChain.isEmpty()) {
            return List.of(new Mount("bind", fsOf(record).toString(), List.of("rw", "rbind")));
        }
        List<String> options = new ArrayList<>();
        options.add("index=off");
        options.add("lowerdir=" + linkedLowers(parentChain));
        options.add("upperdir=" + fsOf(record));
        options.add("workdir=" + dirOf(record).resolve("work"));
        return List.of(new Mount("overlay", "overlay", options));
    }

    /** The upper directory against the merged parents ({@link OverlayChanges}); nothing is mounted. */
    @Override
    protected boolean reportsParentsOfModifiedPaths() {
        return false;
    }

    @Override
    protected List<Change> changesOf(SnapshotRecord record, List<SnapshotRecord> parentChain) throws IOException {
        return OverlayChanges.of(fsOf(record), LayerStack.of(layerDirs(parentChain)));
    }

    /** The snapshot's own layer, then dockerd's init layer (if asked), then the parents' layers, nearest first. */
    @Override
    protected LayerStack exportStack(SnapshotRecord record, List<SnapshotRecord> parentChain, Path initDir)
            throws IOException {
        List<Path> lowers = layerDirs(parentChain);
        List<Path> stack = new ArrayList<>();
        stack.add(fsOf(record));
        if (initDir != null) {
            InitLayer.build(initDir, LayerStack.of(lowers), path -> true, FileTime.fromMillis(record.createdMillis()));
            stack.add(initDir);
        }
        stack.addAll(lowers);
        return LayerStack.of(stack);
    }

    private List<Path> layerDirs(List<SnapshotRecord> parentChain) {
        List<Path> dirs = new ArrayList<>();
        for (SnapshotRecord p : parentChain) {
            dirs.add(fsOf(p));
        }
        return dirs;
    }

    /** The mount's lowerdir value: each parent's short link, nearest first. */
    private String linkedLowers(List<SnapshotRecord> parentChain) {
        StringBuilder sb = new StringBuilder();
        for (SnapshotRecord p : parentChain) {
            sb.append(sb.length() == 0 ? "" : ":").append(links.path(p));
        }
        return sb.toString();
    }

    /** GraphDriver's LowerDir: the parents' layer directories, as dockerd resolves its links for inspect. */
    private String lowers(List<SnapshotRecord> parentChain) {
        StringBuilder sb = new StringBuilder();
        for (SnapshotRecord p : parentChain) {
            sb.append(sb.length() == 0 ? "" : ":").append(fsOf(p));
        }
        return sb.toString();
    }

    /**
     * Docker's overlay2 DriverStatus, each value measured: "Backing Filesystem" ({@link BackingFilesystem}),
     * "Supports d_type" ({@link DTypeCheck}, when the driver opened), "Native Overlay Diff"
     * ({@link NativeDiffCheck}, probed on the first call) and "userxattr" (false: berth runs in the initial user
     * namespace and never mounts with {@code userxattr}, so dockerd's NeedsUserXAttr is false too).
     */
    @Override
    public synchronized List<Map.Entry<String, String>> status() {
        if (nativeDiff == null) {
            nativeDiff = NativeDiffCheck.supportsNativeDiff(root);
        }
        return List.of(Map.entry("Backing Filesystem", BackingFilesystem.of(root)),
                Map.entry("Supports d_type", Boolean.toString(supportsDType)),
                Map.entry("Native Overlay Diff", Boolean.toString(nativeDiff)),
                Map.entry("userxattr", "false"));
    }

    /**
     * Docker's overlay2 GraphDriver.Data: {@code LowerDir} (parents' layers, nearest first; absent without
     * parents), {@code MergedDir}, {@code UpperDir} (the snapshot's own layer) and {@code WorkDir}.
     */
    @Override
    public Map<String, String> driverData(String key) {
        SnapshotRecord r = record(key);
        List<SnapshotRecord> parents = chainOf(r.parent());
        Map<String, String> data = new LinkedHashMap<>();
        if (!parents.isEmpty()) {
            data.put("LowerDir", lowers(parents));
        }
        data.put("MergedDir", dirOf(r).resolve("merged").toString());
        data.put("UpperDir", fsOf(r).toString());
        data.put("WorkDir", dirOf(r).resolve("work").toString());
        return data;
    }
}
