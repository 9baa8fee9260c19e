package io.berth.storage.snapshot.tree;

import io.berth.common.fs.RawNames;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.ChangeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes of an overlayfs upper directory against the merged view of its lower layers, the way moby's
 * overlay differ ({@code pkg/archive} OverlayChanges) finds them: the upper directory is walked depth first,
 * siblings in byte order; a path absent below is "A", present below "C", except a directory whose size, mode
 * and mtime equal the lower one's (it is only there because something inside changed); a whiteout (0/0
 * character device) is "D"; the parent of an "A" or "D" is reported "C" once, before it, unless it is the
 * root. Two deliberate differences, both towards what a mounted comparison (moby's naive differ) shows: an
 * opaque directory ({@code trusted.overlay.opaque=y}, a directory deleted and created again) lists the lower
 * children it hides as "D" instead of reporting the directory itself as deleted, and a whiteout over nothing
 * visible below is left out. Lower paths are resolved with overlayfs's rules ({@link LayerStack}).
 */
public final class OverlayChanges {
    private final LayerStack lower;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> changedDirs = new HashSet<>();

    private OverlayChanges(LayerStack lower) {
        this.lower = lower;
    }

    /**
     * @param upper the snapshot's own layer (overlayfs upper directory)
     * @param lower the merged view of its parents
     * @return the changes, in walk order
     * @throws IOException if a directory cannot be read
     */
    public static List<Change> of(Path upper, LayerStack lower) throws IOException {
        OverlayChanges c = new OverlayChanges(lower);
        c.walk(upper, "/", lower.root(), false);
        return c.changes;
    }

    private void walk(Path upperDir, String path, LayerStack.Entry lowerDir, boolean opaque) throws IOException {
        boolean lowerIsDir = lowerDir != null && lowerDir.isDirectory();
        TreeSet<String> upperNames = LayerStack.names(List.of(upperDir));
        TreeSet<String> names = new TreeSet<>(upperNames);
        if (opaque && lowerIsDir) {
            for (LayerStack.Entry e : lower.children(lowerDir)) {
                if (!upperNames.contains(e.name())) {
                    names.add(e.name());
                }
            }
        }
        for (String name : names) {
            String childPath = path.equals("/") ? "/" + name : path + "/" + name;
            LayerStack.Entry below = lowerIsDir ? lower.child(lowerDir, name) : null;
            if (!upperNames.contains(name)) {
                record(ChangeKind.DELETED, childPath);
                continue;
            }
            Path f = RawNames.resolve(upperDir, name);
            FileStat s = FileStat.lstat(f);
            if (s == null) {
                continue; // deleted while walking a running container's layer
            }
            if (s.isWhiteout()) {
                if (below != null) {
                    record(ChangeKind.DELETED, childPath);
                }
                continue;
            }
            ChangeKind kind;
            if (below == null) {
                kind = ChangeKind.ADDED;
            } else if (s.isDirectory() && below.isDirectory() && sameDirectory(s, below.stat())) {
                kind = null;
            } else {
                kind = ChangeKind.MODIFIED;
            }
            if (kind != null) {
                if (s.isDirectory()) {
                    changedDirs.add(childPath);
                }
                record(kind, childPath);
            }
            if (s.isDirectory()) {
                walk(f, childPath, below, LayerStack.isOpaque(f));
            }
        }
    }

    private void record(ChangeKind kind, String path) {
        if (kind != ChangeKind.MODIFIED) {
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty() && changedDirs.add(parent)) {
                changes.add(new Change(parent, ChangeKind.MODIFIED));
            }
        }
        changes.add(new Change(path, kind));
    }

    /** moby's test for a directory that is unchanged: same size, same mode, same mtime ({@link #sameTime}). */
    private static boolean sameDirectory(FileStat a, FileStat b) {
        return a.size() == b.size() && a.mode() == b.mode() && sameTime(a, b);
    }

    /**
     * moby's {@code sameFsTime}: equal, or equal seconds when either side has no sub-second part (tar keeps
     * whole seconds only).
     *
     * @param a one file
     * @param b another
     * @return true if their mtimes count as equal
     */
    static boolean sameTime(FileStat a, FileStat b) {
        var x = a.mtime().toInstant();
        var y = b.mtime().toInstant();
        return x.equals(y) || (x.getEpochSecond() == y.getEpochSecond() && (x.getNano() == 0 || y.getNano() == 0));
    }
}
