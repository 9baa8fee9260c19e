package io.berth.storage.diff;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.fs.RawNames;
import io.berth.common.fs.SecureJoin;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import io.berth.storage.fs.FileTimes;
import io.berth.storage.fs.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the entries of one layer tar into a directory, one entry at a time, treating the tar as hostile:
 * names pass {@link LayerEntries#check} (clean, inside the root, within NAME_MAX and PATH_MAX, no devices),
 * parent directories are resolved with {@link SecureJoin} (so a symbolic link from the layer never redirects
 * a write outside the root) once each and then found in a cache (apply is linear in the number of entries;
 * an entry that removes or replaces a path drops what the cache holds at and below it), the
 * entry itself is never followed, hard-link targets must lie inside the root, and device nodes are
 * refused. Ownership (lchown), all 12 mode bits (chmod, never on a symlink), mtimes (directories at the
 * end, after their contents) and PAX {@code SCHILY.xattr.*} (best effort) are restored.
 */
final class LayerWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LayerWriter.class);
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final String XATTR_PAX_PREFIX = "SCHILY.xattr.";

    private record DirTime(Path dir, FileTime mtime) {
    }

    private final Path root;
    private final WhiteoutMode mode;
    private final Set<Path> written = new HashSet<>();
    private final List<DirTime> dirTimes = new ArrayList<>();
    /** Directories of this layer already resolved: clean path relative to the root (no link on the way) to path. */
    private final TreeMap<String, Path> resolvedDirs = new TreeMap<>();
    private long sizeBytes;
    private long fullResolutions;
    private final int rootBytes;
    private final DirHandles handles = new DirHandles();

    LayerWriter(Path root, WhiteoutMode mode) {
        this.root = root;
        this.rootBytes = RawNames.bytes(root).length;
        this.mode = mode;
    }

    /** @return the sum of the sizes of the regular files written, in bytes */
    long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Applies one entry; {@code data} is positioned at the entry's content.
     *
     * @throws InvalidArgumentException if the entry is hostile or unsupported
     * @throws IOException if the filesystem fails
     */
    void write(TarArchiveEntry e, InputStream data) throws IOException {
        List<String> parts = LayerEntries.check(e);
        if (parts.isEmpty()) {
            if (e.isDirectory()) {
                setAttributes(root, e);
                dirTimes.add(new DirTime(root, e.getLastModifiedTime()));
            }
            return;
        }
        String base = parts.get(parts.size() - 1);
        if (base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(e, parts, base);
            return;
        }
        checkHostPath(e, rootBytes + LayerEntries.pathBytes(parts));
        Path parent = directory(e, parts.subList(0, parts.size() - 1), true);
        Path target = parent.resolve(base);
        checkHostPath(e, RawNames.bytes(target).length);
        Path at = handles.at(parent).resolve(base);
        BasicFileAttributes existing = SecureJoin.lstat(at);
        if (existing != null && !(existing.isDirectory() && e.isDirectory())) {
            AtomicFiles.deleteTree(target);
            forget(target, true);
        }
        create(e, target, at, data, existing != null && existing.isDirectory());
        written.add(target);
        if (e.isDirectory()) {
            remember(target);
            handles.opened(parent, target);
        }
    }

    /**
     * Resolves a directory of the layer, from the cache of directories this layer already resolved when it
     * can: a layer of nested directories then costs one lookup per entry instead of a resolution of the
     * whole path from the root (which made a 2 000-deep layer take minutes).
     */
    private Path directory(TarArchiveEntry e, List<String> dirParts, boolean createMissing) throws IOException {
        if (dirParts.isEmpty()) {
            return root;
        }
        String key = String.join("/", dirParts);
        Path cached = resolvedDirs.get(key);
        if (cached != null) {
            return cached;
        }
        fullResolutions++;
        Path dir;
        try {
            dir = SecureJoin.resolveDirectory(root, dirParts, createMissing);
        } catch (FileSystemException ex) {
            if (ex.getReason() != null && ex.getReason().contains("File name too long")) {
                throw new InvalidArgumentException("layer entry " + LayerEntries.shown(e.getName()) + ": its path "
                        + "through the layer's links is longer than Linux allows (PATH_MAX)", ex);
            }
            throw ex;
        }
        remember(dir);
        return dir;
    }

    /** Caches a real directory under its path relative to the root (a path through no symbolic link). */
    private void remember(Path dir) {
        if (!dir.equals(root)) {
            resolvedDirs.put(root.relativize(dir).toString(), dir);
        }
    }

    /** Drops cached directories at or below {@code path} (something there was removed or replaced). */
    private void forget(Path path, boolean itself) {
        handles.forget(path);
        if (path.equals(root)) {
            resolvedDirs.clear();
            return;
        }
        String key = root.relativize(path).toString();
        resolvedDirs.subMap(key + "/", key + "0").clear();
        if (itself) {
            resolvedDirs.remove(key);
        }
    }

    /** Refuses an entry whose path on this host would be longer than a system call takes (400, nothing written). */
    private static void checkHostPath(TarArchiveEntry e, long n) {
        if (n > LayerEntries.PATH_MAX) {
            throw new InvalidArgumentException("layer entry " + LayerEntries.shown(e.getName()) + ": its path in "
                    + "the storage driver would be " + n + " bytes, longer than the " + LayerEntries.PATH_MAX
                    + " bytes Linux allows (PATH_MAX)");
        }
    }

    /** @return how many directories were resolved from the root rather than found in the cache (for tests) */
    long fullResolutions() {
        return fullResolutions;
    }

    /** Releases the directory descriptors. */
    @Override
    public void close() {
        handles.close();
    }

    /** Sets the recorded directory mtimes, deepest and latest first. */
    void finish() {
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTime d = dirTimes.get(i);
            try {
                FileTimes.set(d.dir(), d.mtime());
            } catch (IOException ex) {
                LOG.debug("cannot set mtime of {}: {}", d.dir(), ex.toString());
            }
        }
    }

    /** Creates the entry {@code target}, through {@code at} (the same entry named via its parent's descriptor). */
    private void create(TarArchiveEntry e, Path target, Path at, InputStream data, boolean dirExists)
            throws IOException {
        if (e.isDirectory()) {
            if (!dirExists) {
                Files.createDirectory(at);
            }
            setAttributes(at, e);
            dirTimes.add(new DirTime(target, e.getLastModifiedTime()));
        } else if (e.isSymbolicLink()) {
            Files.createSymbolicLink(at, Paths.get(e.getLinkName()));
            setAttributes(at, e);
        } else if (e.isLink()) {
            Files.createLink(at, hardLinkTarget(e));
        } else if (e.isFIFO()) {
            Sys.mknod(at, LibC.S_IFIFO | (e.getMode() & 0777), 0, 0);
            setAttributes(at, e);
        } else {
            try (OutputStream out = Files.newOutputStream(at, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                data.transferTo(out);
            }
            sizeBytes += e.getSize();
            setAttributes(at, e);
        }
    }

    private Path hardLinkTarget(TarArchiveEntry e) throws IOException {
        List<String> parts = SecureJoin.clean(e.getLinkName());
        Path source;
        try {
            source = directory(e, parts.subList(0, parts.size() - 1), false).resolve(parts.get(parts.size() - 1));
        } catch (InvalidArgumentException ex) {
            throw new InvalidArgumentException("layer entry " + LayerEntries.shown(e.getName()) + ": hard link "
                    + "target " + LayerEntries.shown(e.getLinkName()) + " is not inside the layer (" + ex.getMessage()
                    + ")", ex);
        }
        BasicFileAttributes a = SecureJoin.lstat(source);
        if (a == null) {
            throw new InvalidArgumentException("layer entry " + LayerEntries.shown(e.getName()) + ": hard link "
                    + "target " + LayerEntries.shown(e.getLinkName()) + " does not exist in the layer");
        }
        if (a.isDirectory()) {
            throw new InvalidArgumentException("layer entry " + LayerEntries.shown(e.getName()) + ": hard link "
                    + "target " + LayerEntries.shown(e.getLinkName()) + " is a directory");
        }
        return source;
    }

    private void whiteout(TarArchiveEntry e, List<String> parts, String base) throws IOException {
        List<String> dirParts = parts.subList(0, parts.size() - 1);
        if (base.equals(OPAQUE_MARKER)) {
            Path dir = directory(e, dirParts, true);
            if (mode == WhiteoutMode.OVERLAY) {
                Sys.setXattr(dir, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
            } else {
                FileTrees.deleteChildrenExcept(dir, written);
                forget(dir, false);
            }
            return;
        }
        if (base.startsWith(OPAQUE_MARKER.substring(0, 8))) {
            LOG.debug("skipping aufs metadata entry {}", e.getName());
            return;
        }
        String name = base.substring(WHITEOUT_PREFIX.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\" is an invalid whiteout");
        }
        Path target = directory(e, dirParts, true).resolve(name);
        checkHostPath(e, RawNames.bytes(target).length);
        AtomicFiles.deleteTree(target);
        forget(target, true);
        if (mode == WhiteoutMode.OVERLAY) {
            Sys.mknod(target, LibC.S_IFCHR, 0, 0);
            Sys.lchown(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
        }
    }

    private void setAttributes(Path target, TarArchiveEntry e) throws IOException {
        Sys.lchown(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
        boolean symlink = e.isSymbolicLink();
        if (!symlink) {
            Sys.chmod(target, e.getMode() & 07777);
        }
        setXattrs(target, e);
        if (!e.isDirectory()) {
            FileTimes.set(target, e.getLastModifiedTime());
        }
    }

    private static void setXattrs(Path target, TarArchiveEntry e) {
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (!h.getKey().startsWith(XATTR_PAX_PREFIX)) {
                continue;
            }
            String name = h.getKey().substring(XATTR_PAX_PREFIX.length());
            try {
                Sys.setXattr(target, name, h.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                LOG.debug("cannot set xattr {} on {}: {}", name, target, ex.toString());
            }
        }
    }
}
