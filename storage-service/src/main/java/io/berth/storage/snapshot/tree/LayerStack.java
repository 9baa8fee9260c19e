package io.berth.storage.snapshot.tree;

import io.berth.common.fs.RawNames;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The merged view of a stack of layer directories, read in user space with overlayfs's lookup rules
 * (Documentation/filesystems/overlayfs.rst): the topmost layer that has a name decides; a whiteout (0/0
 * character device) hides the name in every layer below; a directory merges with the directories of the
 * same name below it until one is opaque ({@code trusted.overlay.opaque=y}) or a lower entry is not a
 * directory. A vfs snapshot is a stack of one complete layer. Nothing is mounted, so an active snapshot's
 * upper directory can be read while the container runs.
 */
public final class LayerStack {
    /** Orders names as Go's {@code sort.Strings} does (and so moby's tree walks): by their raw bytes. */
    public static final Comparator<String> NAME_ORDER = RawNames.BYTE_ORDER;

    /**
     * One visible entry of the merged tree.
     *
     * @param path absolute path in the tree: "/" or "/etc/passwd"; names that are not UTF-8 surrogate-escaped
     *     ({@link RawNames}: show them with {@code RawNames.display}, write their {@code RawNames.encode})
     * @param file the real file that backs it (the topmost layer's)
     * @param stat that file's lstat
     * @param dirLayers for a directory, the layer directories merged into it, topmost first; else empty
     */
    public record Entry(String path, Path file, FileStat stat, List<Path> dirLayers) {
        /** @return the last path element ("" for the root) */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** @return true for a directory */
        public boolean isDirectory() {
            return stat.isDirectory();
        }
    }

    private final List<Path> layers;

    private LayerStack(List<Path> layers) {
        this.layers = List.copyOf(layers);
    }

    /**
     * @param layers layer directories, topmost first (may be empty: an empty tree)
     * @return their merged view
     */
    public static LayerStack of(List<Path> layers) {
        return new LayerStack(layers);
    }

    /**
     * @return the root directory of the merged tree, or {@code null} if the stack is empty
     * @throws IOException if a layer root cannot be read
     */
    public Entry root() throws IOException {
        List<Path> dirs = new ArrayList<>();
        FileStat top = null;
        Path topFile = null;
        for (Path layer : layers) {
            FileStat s = FileStat.lstat(layer);
            if (s == null || !s.isDirectory()) {
                continue;
            }
            if (top == null) {
                top = s;
                topFile = layer;
            }
            dirs.add(layer);
            if (isOpaque(layer)) {
                break;
            }
        }
        return top == null ? null : new Entry("/", topFile, top, List.copyOf(dirs));
    }

    /**
     * Resolves one name inside a merged directory.
     *
     * @param dir a directory entry of this stack
     * @param name a single path element (surrogate-escaped, {@link RawNames})
     * @return the visible entry, or {@code null} if absent or whited out
     * @throws IOException if a layer cannot be read
     */
    public Entry child(Entry dir, String name) throws IOException {
        String path = dir.path().equals("/") ? "/" + name : dir.path() + "/" + name;
        List<Path> dirs = new ArrayList<>();
        FileStat top = null;
        Path topFile = null;
        for (Path layerDir : dir.dirLayers()) {
            Path f = RawNames.resolve(layerDir, name);
            FileStat s = FileStat.lstat(f);
            if (s == null) {
                continue;
            }
            if (s.isWhiteout() || (!s.isDirectory() && top != null)) {
                break;
            }
            if (top == null) {
                top = s;
                topFile = f;
            }
            if (!s.isDirectory()) {
                break;
            }
            dirs.add(f);
            if (isOpaque(f)) {
                break;
            }
        }
        return top == null ? null : new Entry(path, topFile, top, List.copyOf(dirs));
    }

    /**
     * @param dir a directory entry of this stack
     * @return its visible children, in {@link #NAME_ORDER}
     * @throws IOException if a layer cannot be read
     */
    public List<Entry> children(Entry dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String name : names(dir.dirLayers())) {
            Entry e = child(dir, name);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Resolves an absolute path element by element.
     *
     * @param path "/" or "/a/b"
     * @return the visible entry, or {@code null}
     * @throws IOException if a layer cannot be read
     */
    public Entry lookup(String path) throws IOException {
        Entry e = root();
        for (String part : path.split("/")) {
            if (e == null) {
                return null;
            }
            if (part.isEmpty()) {
                continue;
            }
            if (!e.isDirectory()) {
                return null;
            }
            e = child(e, part);
        }
        return e;
    }

    /**
     * @param dirs directories
     * @return the union of their entry names (surrogate-escaped, {@link RawNames}), in {@link #NAME_ORDER}; a directory that vanished meanwhile (a
     *     running container deleted it) counts as empty
     * @throws IOException if a directory cannot be listed
     */
    static TreeSet<String> names(List<Path> dirs) throws IOException {
        TreeSet<String> names = new TreeSet<>(NAME_ORDER);
        for (Path d : dirs) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                for (Path p : s) {
                    names.add(RawNames.fileName(p));
                }
            } catch (NoSuchFileException | NotDirectoryException gone) {
                // deleted or replaced while being read
            }
        }
        return names;
    }

    /**
     * @param dir a directory of a layer
     * @return true if overlayfs treats it as opaque (xattr {@code trusted.overlay.opaque=y})
     * @throws IOException if the xattr cannot be read
     */
    static boolean isOpaque(Path dir) throws IOException {
        try {
            return "y".equals(Sys.getXattr(dir, "trusted.overlay.opaque"));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("errno 95")) {
                return false; // EOPNOTSUPP: a filesystem without xattrs has no opaque directories
            }
            throw e;
        }
    }
}
