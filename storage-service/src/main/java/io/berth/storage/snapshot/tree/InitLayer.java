package io.berth.storage.snapshot.tree;

import io.berth.common.sys.Sys;
import io.berth.storage.fs.FileTimes;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * dockerd's init layer (moby {@code daemon/initlayer}): a layer between the image and every container's
 * writable layer that holds the mount points dockerd needs, so they never show in {@code docker diff}:
 * directories {@code /dev/pts}, {@code /dev/shm}, {@code /proc}, {@code /sys} (created when missing), empty
 * root-owned 0755 files {@code /.dockerenv}, {@code /etc/resolv.conf}, {@code /etc/hosts},
 * {@code /etc/hostname}, {@code /dev/console} (always replacing the image's), and the symbolic link
 * {@code /etc/mtab -> /proc/mounts}.
 *
 * <p>berth has no such layer: runc creates missing mount points in the container's own layer. So that
 * {@code docker diff} and {@code docker export} show what they show with dockerd, the storage service
 * {@link #hide hides} these paths from the changes and {@link #build builds} the layer for an export.
 */
public final class InitLayer {
    /** The entries: path to "dir", "file" or a symbolic link target. */
    static final Map<String, String> ENTRIES = entries();
    /** Directories created above the entries when missing. */
    static final Set<String> PARENTS = Set.of("/dev", "/etc");

    private InitLayer() {
    }

    private static Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/dev/pts", "dir");
        m.put("/dev/shm", "dir");
        m.put("/proc", "dir");
        m.put("/sys", "dir");
        m.put("/.dockerenv", "file");
        m.put("/etc/resolv.conf", "file");
        m.put("/etc/hosts", "file");
        m.put("/etc/hostname", "file");
        m.put("/dev/console", "file");
        m.put("/etc/mtab", "/proc/mounts");
        return m;
    }

    /**
     * Leaves out of a container layer's changes what dockerd keeps in the init layer: the entries' own paths,
     * and their parent directories ({@code /etc}, {@code /dev}), which in berth's layer changed (mtime, or
     * were created) only because runc put a mount point there. Such a parent stays, as "C" (it exists in
     * dockerd's init layer, so never "A"), exactly when the driver's differ would report it had the mount
     * points been in a lower layer: overlay2 (moby's overlay differ) when a direct child was added or
     * deleted; vfs (moby's naive differ, which ignores directory mtimes) when anything below it changed. A
     * parent whose own mode or owner the container changed is therefore left out on overlay2 unless such a
     * child exists too.
     *
     * @param changes a container snapshot's changes
     * @param anyDescendant true for the vfs rule, false for the overlay2 rule
     * @return the changes dockerd would list, in the same order
     */
    public static List<Change> hide(List<Change> changes, boolean anyDescendant) {
        List<Change> kept = new ArrayList<>();
        for (Change c : changes) {
            if (!ENTRIES.containsKey(c.path())) {
                kept.add(c);
            }
        }
        List<Change> out = new ArrayList<>();
        for (Change c : kept) {
            if (PARENTS.contains(c.path()) && c.kind() != ChangeKind.DELETED) {
                String prefix = c.path() + "/";
                boolean needed = kept.stream().anyMatch(o -> o.path().startsWith(prefix) && (anyDescendant
                        || (o.path().indexOf('/', prefix.length()) < 0 && o.kind() != ChangeKind.MODIFIED)));
                if (needed) {
                    out.add(new Change(c.path(), ChangeKind.MODIFIED));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Writes the init layer into an empty directory. A directory entry is only created where {@code below}
     * has none; the parent directories copy mode, owner and mtime from {@code below} when it has them (else
     * root-owned 0755). Files and the link get mtime {@code created} (dockerd creates them with the
     * container).
     *
     * @param dir the empty directory to fill
     * @param below the tree the layer lies on (the image for overlay2, the container's copy for vfs)
     * @param applies which entry paths to write (vfs leaves out those the container changed)
     * @param created the container snapshot's creation time
     * @throws IOException if the directory cannot be filled
     */
    public static void build(Path dir, LayerStack below, Predicate<String> applies, FileTime created)
            throws IOException {
        for (Map.Entry<String, String> e : ENTRIES.entrySet()) {
            String path = e.getKey();
            LayerStack.Entry existing = below.lookup(path);
            if (!applies.test(path) || ("dir".equals(e.getValue()) && existing != null)) {
                continue;
            }
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty()) {
                mkdirLike(dir, parent, below, created);
            }
            Path target = dir.resolve(path.substring(1));
            switch (e.getValue()) {
                case "dir" -> {
                    Files.createDirectories(target);
                    Sys.chmod(target, 0755);
                    FileTimes.set(target, created);
                }
                case "file" -> {
                    Files.createFile(target);
                    Sys.chmod(target, 0755);
                    FileTimes.set(target, created);
                }
                default -> Files.createSymbolicLink(target, Paths.get(e.getValue()));
            }
            Sys.lchown(target, 0, 0);
        }
        fixParentTimes(dir, below, created);
    }

    private static void mkdirLike(Path dir, String path, LayerStack below, FileTime created) throws IOException {
        Path target = dir.resolve(path.substring(1));
        if (Files.isDirectory(target)) {
            return;
        }
        Files.createDirectories(target);
        LayerStack.Entry e = below.lookup(path);
        if (e != null && e.isDirectory()) {
            Sys.chmod(target, e.stat().permissions());
            Sys.lchown(target, e.stat().uid(), e.stat().gid());
        } else {
            Sys.chmod(target, 0755);
            Sys.lchown(target, 0, 0);
        }
    }

    private static void fixParentTimes(Path dir, LayerStack below, FileTime created) throws IOException {
        for (String parent : PARENTS) {
            Path target = dir.resolve(parent.substring(1));
            if (Files.isDirectory(target)) {
                LayerStack.Entry e = below.lookup(parent);
                FileTimes.set(target, e != null && e.isDirectory() ? e.stat().mtime() : created);
            }
        }
    }
}
