package io.berth.storage.snapshot.tree;

import io.berth.common.fs.RawNames;
import io.berth.common.sys.Sys;
import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The changes between two complete trees (a vfs snapshot and its parent's copy), as moby's naive differ
 * ({@code pkg/archive} ChangesDirs) finds them: a path only in the new tree is "A", only in the old one "D"
 * (not descended into), in both "C" when mode (type and permission bits), owner, group or device number
 * differ, or, for a non-directory, the size, the mtime ({@link OverlayChanges#sameTime}), the symbolic link
 * target or the {@code security.capability} xattr. A directory with changes inside that is not itself
 * reported is reported "C" before them. Trees are walked depth first, siblings in byte order (moby walks a
 * Go map here, so its order varies from call to call; berth's equals its overlay differ's).
 */
public final class TreeChanges {
    private final List<Change> changes = new ArrayList<>();

    private TreeChanges() {
    }

    /**
     * @param newRoot the snapshot's tree
     * @param oldRoot its parent's tree, or {@code null} if it has none (every path is then "A")
     * @return the changes
     * @throws IOException if a directory cannot be read
     */
    public static List<Change> of(Path newRoot, Path oldRoot) throws IOException {
        TreeChanges c = new TreeChanges();
        c.walk(newRoot, oldRoot, "/", true);
        return c.changes;
    }

    private void walk(Path newDir, Path oldDir, String path, boolean reported) throws IOException {
        int sizeAtEntry = changes.size();
        TreeSet<String> newNames = LayerStack.names(List.of(newDir));
        TreeSet<String> names = new TreeSet<>(newNames);
        if (oldDir != null) {
            names.addAll(LayerStack.names(List.of(oldDir)));
        }
        for (String name : names) {
            String childPath = path.equals("/") ? "/" + name : path + "/" + name;
            FileStat oldStat = oldDir == null ? null : FileStat.lstat(RawNames.resolve(oldDir, name));
            FileStat newStat = newNames.contains(name) ? FileStat.lstat(RawNames.resolve(newDir, name)) : null;
            if (newStat == null) {
                if (oldStat != null) {
                    changes.add(new Change(childPath, ChangeKind.DELETED));
                }
                continue;
            }
            boolean childReported = false;
            if (oldStat == null) {
                changes.add(new Change(childPath, ChangeKind.ADDED));
                childReported = true;
            } else if (different(RawNames.resolve(oldDir, name), oldStat, RawNames.resolve(newDir, name), newStat)) {
                changes.add(new Change(childPath, ChangeKind.MODIFIED));
                childReported = true;
            }
            if (newStat.isDirectory()) {
                Path oldChild = oldStat != null && oldStat.isDirectory() ? RawNames.resolve(oldDir, name) : null;
                walk(RawNames.resolve(newDir, name), oldChild, childPath, childReported);
            }
        }
        if (changes.size() > sizeAtEntry && !reported && !path.equals("/")) {
            changes.add(sizeAtEntry, new Change(path, ChangeKind.MODIFIED));
        }
    }

    /**
     * @param oldPath a path in the parent's tree
     * @param newPath the same path in the snapshot's tree
     * @return true if both exist and the differ would not report a change
     * @throws IOException if a file cannot be read
     */
    public static boolean same(Path oldPath, Path newPath) throws IOException {
        FileStat o = FileStat.lstat(oldPath);
        FileStat n = FileStat.lstat(newPath);
        return o != null && n != null && !different(oldPath, o, newPath, n);
    }

    private static boolean different(Path oldPath, FileStat o, Path newPath, FileStat n) throws IOException {
        if (o.mode() != n.mode() || o.uid() != n.uid() || o.gid() != n.gid() || o.rdev() != n.rdev()) {
            return true;
        }
        if (!n.isDirectory() && (!OverlayChanges.sameTime(o, n) || o.size() != n.size())) {
            return true;
        }
        if (n.isSymlink() && !Files.readSymbolicLink(oldPath).equals(Files.readSymbolicLink(newPath))) {
            return true;
        }
        return !Objects.equals(capability(oldPath), capability(newPath));
    }

    private static String capability(Path p) throws IOException {
        try {
            return Sys.getXattr(p, "security.capability");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("errno 95")) {
                return null;
            }
            throw e;
        }
    }
}
