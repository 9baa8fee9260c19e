package io.berth.storage.diff;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.fs.SecureJoin;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import io.berth.storage.fs.FileTimes;
import io.berth.storage.fs.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the entries of one layer tar into a directory, one entry at a time, treating the tar as hostile:
 * names are cleaned and may not climb above the root, parent directories are resolved with
 * {@link SecureJoin} (so a symbolic link from the layer never redirects a write outside the root), the
 * entry itself is never followed, hard-link targets must lie inside the root, and device nodes are
 * refused. Ownership (lchown), all 12 mode bits (chmod, never on a symlink), mtimes (directories at the
 * end, after their contents) and PAX {@code SCHILY.xattr.*} (best effort) are restored.
 */
final class LayerWriter {
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
    private long sizeBytes;

    LayerWriter(Path root, WhiteoutMode mode) {
        this.root = root;
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
        List<String> parts = SecureJoin.clean(e.getName());
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
        checkType(e);
        Path target = SecureJoin.resolveLeaf(root, parts, true);
        BasicFileAttributes existing = SecureJoin.lstat(target);
        if (existing != null && !(existing.isDirectory() && e.isDirectory())) {
            AtomicFiles.deleteTree(target);
        }
        create(e, target, data, existing != null && existing.isDirectory());
        written.add(target);
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

    private static void checkType(TarArchiveEntry e) {
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\" is a "
                    + (e.isCharacterDevice() ? "character" : "block") + " device (" + e.getDevMajor() + ":"
                    + e.getDevMinor() + "): device files are not allowed in image layers");
        }
        if (!(e.isDirectory() || e.isSymbolicLink() || e.isLink() || e.isFIFO() || e.isFile())) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\" has unsupported tar type '"
                    + (char) e.getLinkFlag() + "'");
        }
    }

    private void create(TarArchiveEntry e, Path target, InputStream data, boolean dirExists) throws IOException {
        if (e.isDirectory()) {
            if (!dirExists) {
                Files.createDirectory(target);
            }
            setAttributes(target, e);
            dirTimes.add(new DirTime(target, e.getLastModifiedTime()));
        } else if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Paths.get(e.getLinkName()));
            setAttributes(target, e);
        } else if (e.isLink()) {
            Files.createLink(target, hardLinkTarget(e));
        } else if (e.isFIFO()) {
            Sys.mknod(target, LibC.S_IFIFO | (e.getMode() & 0777), 0, 0);
            setAttributes(target, e);
        } else {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                data.transferTo(out);
            }
            sizeBytes += e.getSize();
            setAttributes(target, e);
        }
    }

    private Path hardLinkTarget(TarArchiveEntry e) throws IOException {
        List<String> parts = SecureJoin.clean(e.getLinkName());
        if (parts.isEmpty()) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\": hard link to the root");
        }
        Path source;
        try {
            source = SecureJoin.resolveLeaf(root, parts, false);
        } catch (InvalidArgumentException ex) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\": hard link target \""
                    + e.getLinkName() + "\" is not inside the layer (" + ex.getMessage() + ")", ex);
        }
        BasicFileAttributes a = SecureJoin.lstat(source);
        if (a == null) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\": hard link target \""
                    + e.getLinkName() + "\" does not exist in the layer");
        }
        if (a.isDirectory()) {
            throw new InvalidArgumentException("layer entry \"" + e.getName() + "\": hard link target \""
                    + e.getLinkName() + "\" is a directory");
        }
        return source;
    }

    private void whiteout(TarArchiveEntry e, List<String> parts, String base) throws IOException {
        List<String> dirParts = parts.subList(0, parts.size() - 1);
        if (base.equals(OPAQUE_MARKER)) {
            Path dir = SecureJoin.resolveDirectory(root, dirParts, true);
            if (mode == WhiteoutMode.OVERLAY) {
                Sys.setXattr(dir, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
            } else {
                FileTrees.deleteChildrenExcept(dir, written);
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
        Path target = SecureJoin.resolveDirectory(root, dirParts, true).resolve(name);
        AtomicFiles.deleteTree(target);
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
