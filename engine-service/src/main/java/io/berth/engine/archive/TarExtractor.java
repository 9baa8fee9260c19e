package io.berth.engine.archive;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.RawNames;
import io.berth.common.fs.RawTarNamesInput;
import io.berth.common.fs.SecureJoin;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Extracts a client's tar into a directory of a container as dockerd's chrooted {@code archive.Unpack}
 * does for {@code PUT /containers/{id}/archive}, treating every entry as hostile. The target directory
 * acts as the root: each entry's parent is opened with openat2(RESOLVE_IN_ROOT) from the target's
 * descriptor (so links in the tree, old or planted by an earlier entry or by the running container, resolve
 * inside the target), missing parents are created (0755), and the entry itself is created through
 * {@code /proc/self/fd/<parent>/<name>} with calls that never follow it (O_CREAT|O_EXCL|O_NOFOLLOW, mkdir,
 * symlink, link, mknod for FIFOs, lchown, fchmodat(AT_SYMLINK_NOFOLLOW), lutimes). Refused with
 * {@link InvalidArgumentException} and dockerd's "Error processing tar file" prefix: names that climb above
 * the target with "..", hard links whose target is missing or a directory, device nodes, unknown types,
 * and (with {@code noOverwriteDirNonDir}) a directory replaced by a non-directory or the reverse.
 * Names and link targets that are not UTF-8 are created with the entry's exact bytes ({@link RawTarNamesInput}).
 * An existing entry is replaced (a directory over a directory is merged). Directory mtimes are set last.
 */
public final class TarExtractor {
    private static final Logger LOG = LogManager.getLogger(TarExtractor.class);
    private static final String PREFIX = "Error processing tar file(exit status 1): ";

    /**
     * The ownership every entry gets instead of the tar's (Docker's copyUIDGID).
     *
     * @param uid user ID
     * @param gid group ID
     */
    public record Owner(int uid, int gid) {
    }

    /** A directory whose mtime is set last, by its path below the target (no descriptor held per entry). */
    private record DirTime(String path, FileTime mtime) {
    }

    private final int target;
    private final boolean noOverwriteDirNonDir;
    private final Owner owner;
    private final List<DirTime> dirTimes = new ArrayList<>();

    /**
     * @param target the extraction directory's descriptor (not closed here)
     * @param noOverwriteDirNonDir refuse type changes between directory and non-directory
     * @param owner ownership for every entry, or null to keep the tar's
     */
    public TarExtractor(int target, boolean noOverwriteDirNonDir, Owner owner) {
        this.target = target;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    /**
     * Reads the whole tar and extracts it.
     *
     * @param in the tar (uncompressed)
     * @return the number of entries extracted
     * @throws InvalidArgumentException for a hostile, conflicting or malformed entry
     * @throws IOException if the filesystem fails
     */
    public int extract(InputStream in) throws IOException {
        int n = 0;
        try {
            RawTarNamesInput raw = new RawTarNamesInput(in);
            TarArchiveInputStream tar = new TarArchiveInputStream(raw, "UTF-8");
            TarArchiveEntry e;
            while ((e = nextEntry(tar)) != null) {
                rawNames(e, raw);
                try {
                    write(e, tar);
                } catch (java.nio.file.FileSystemException fse) {
                    throw refused(e, fse);
                }
                n++;
            }
            for (int i = dirTimes.size() - 1; i >= 0; i--) {
                setDirectoryTime(dirTimes.get(i));
            }
        } finally {
            dirTimes.clear();
        }
        return n;
    }

    /** Gives the entry back the raw bytes of a name or link target that is not UTF-8 (read as U+FFFD). */
    private static void rawNames(TarArchiveEntry e, RawTarNamesInput raw) {
        if (e.getName().indexOf('\uFFFD') >= 0 && raw.name() != null && RawNames.isEscaped(raw.name())) {
            e.setName(raw.name());
        }
        String link = e.getLinkName();
        if (link != null && link.indexOf('\uFFFD') >= 0 && raw.linkName() != null
                && RawNames.isEscaped(raw.linkName())) {
            e.setLinkName(raw.linkName());
        }
    }

    /**
     * An entry the container's tree cannot take (its link target is missing, a name collides, ...) is the client's
     * tar at fault: a 400 naming the entry with the errno's text, never the 500 with berth's
     * {@code /proc/self/fd/<n>/<name>} path that the JDK's exception message is (found by the fuzz IT).
     */
    private static InvalidArgumentException refused(TarArchiveEntry e, java.nio.file.FileSystemException fse) {
        String why = fse instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : fse instanceof java.nio.file.FileAlreadyExistsException ? "file exists"
                : fse instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : fse instanceof java.nio.file.DirectoryNotEmptyException ? "directory not empty"
                : fse instanceof java.nio.file.NotDirectoryException ? "not a directory"
                : fse.getReason() != null ? fse.getReason().toLowerCase(java.util.Locale.ROOT) : "invalid argument";
        return new InvalidArgumentException(PREFIX + e.getName() + ": " + why, fse);
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidArgumentException(PREFIX + "archive/tar: invalid tar header (" + e.getMessage() + ")", e);
        }
    }

    private void write(TarArchiveEntry e, InputStream data) throws IOException {
        List<String> parts;
        try {
            parts = SecureJoin.clean(e.getName());
        } catch (InvalidArgumentException escape) {
            throw new InvalidArgumentException(PREFIX + "\"" + e.getName() + "\" is outside of \"/\"");
        }
        checkType(e);
        if (parts.isEmpty()) {
            if (e.isDirectory()) {
                int self = ScopedRoot.openDirectory(target, "/");
                attributes(ScopedRoot.entry(self, "."), e);
                Sys.close(self);
                dirTimes.add(new DirTime("/", e.getLastModifiedTime()));
            }
            return;
        }
        String name = parts.get(parts.size() - 1);
        int parent = MountTargets.mkdirs(target, parts.subList(0, parts.size() - 1));
        try {
            Path p = ScopedRoot.entry(parent, name);
            EntryAttributes existing = EntryAttributes.lstat(p);
            String shown = "/" + String.join("/", parts);
            if (existing != null) {
                if (noOverwriteDirNonDir && existing.isDirectory() && !e.isDirectory()) {
                    throw new InvalidArgumentException(PREFIX + "cannot overwrite directory \"" + shown
                            + "\" with non-directory \"/\"");
                }
                if (noOverwriteDirNonDir && !existing.isDirectory() && e.isDirectory()) {
                    throw new InvalidArgumentException(PREFIX + "cannot overwrite non-directory \"" + shown
                            + "\" with directory \"/\"");
                }
                if (!(existing.isDirectory() && e.isDirectory())) {
                    remove(parent, name, existing);
                }
            }
            create(e, parent, name, data, existing != null && existing.isDirectory(), shown);
        } finally {
            Sys.close(parent);
        }
    }

    private static void checkType(TarArchiveEntry e) {
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw new InvalidArgumentException(PREFIX + "\"" + e.getName() + "\" is a device node ("
                    + e.getDevMajor() + ":" + e.getDevMinor() + "): berth does not create device nodes in containers");
        }
        if (!(e.isDirectory() || e.isSymbolicLink() || e.isLink() || e.isFIFO() || e.isFile())) {
            throw new InvalidArgumentException(PREFIX + "\"" + e.getName() + "\" has unsupported tar type '"
                    + (char) e.getLinkFlag() + "'");
        }
    }

    private void create(TarArchiveEntry e, int parent, String name, InputStream data, boolean dirExists,
                        String path) throws IOException {
        Path p = ScopedRoot.entry(parent, name);
        if (e.isDirectory()) {
            if (!dirExists) {
                Files.createDirectory(p);
            }
            int dir = ScopedRoot.openChildDirectory(parent, name);
            try {
                attributes(ScopedRoot.entry(dir, "."), e);
            } finally {
                Sys.close(dir);
            }
            dirTimes.add(new DirTime(path, e.getLastModifiedTime()));
            return;
        }
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(p, RawNames.pathOf(e.getLinkName()));
        } else if (e.isLink()) {
            int dir = hardLinkDirectory(e);
            try {
                Files.createLink(p, hardLinkSource(e, dir));
            } finally {
                Sys.close(dir);
            }
        } else if (e.isFIFO()) {
            Sys.mknod(p, io.berth.common.sys.LibC.S_IFIFO | (e.getMode() & 0777), 0, 0);
        } else {
            try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                copy(data, out, e);
            } catch (InvalidArgumentException truncated) {
                Files.deleteIfExists(p); // no half-written file from a tar cut short
                throw truncated;
            }
        }
        if (!e.isLink()) {
            attributes(p, e);
        }
    }

    /** Copies an entry's data; a tar that ends inside it is the client's mistake (400), not the disk's. */
    private static void copy(InputStream data, OutputStream out, TarArchiveEntry e) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (true) {
            int n;
            try {
                n = data.read(buf);
            } catch (IOException | IllegalArgumentException bad) {
                throw new InvalidArgumentException(PREFIX + "archive/tar: reading \"" + RawNames.display(e.getName())
                        + "\": " + bad.getMessage(), bad);
            }
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
        }
    }

    /** The directory of a hard link's target, resolved inside the extraction directory. */
    private int hardLinkDirectory(TarArchiveEntry e) throws IOException {
        List<String> parts = linkParts(e);
        try {
            return ScopedRoot.openDirectory(target, String.join("/", parts.subList(0, parts.size() - 1)));
        } catch (ErrnoException missing) {
            throw new InvalidArgumentException(PREFIX + "hard link target \"" + e.getLinkName() + "\" of \""
                    + e.getName() + "\" does not exist", missing);
        }
    }

    /** The hard link's target in its directory {@code dir}; its last component is not followed. */
    private static Path hardLinkSource(TarArchiveEntry e, int dir) throws IOException {
        List<String> parts = linkParts(e);
        Path source = ScopedRoot.entry(dir, parts.get(parts.size() - 1));
        EntryAttributes a = EntryAttributes.lstat(source);
        if (a == null || a.isDirectory()) {
            throw new InvalidArgumentException(PREFIX + "hard link target \"" + e.getLinkName() + "\" of \""
                    + e.getName() + "\" " + (a == null ? "does not exist" : "is a directory"));
        }
        return source;
    }

    private static List<String> linkParts(TarArchiveEntry e) {
        List<String> parts;
        try {
            parts = SecureJoin.clean(e.getLinkName());
        } catch (InvalidArgumentException escape) {
            parts = List.of();
        }
        if (parts.isEmpty()) {
            throw new InvalidArgumentException(PREFIX + "invalid hardlink \"" + e.getName() + "\" -> \""
                    + e.getLinkName() + "\"");
        }
        return parts;
    }

    private void attributes(Path p, TarArchiveEntry e) throws IOException {
        int uid = owner != null ? owner.uid() : (int) e.getLongUserId();
        int gid = owner != null ? owner.gid() : (int) e.getLongGroupId();
        Sys.lchown(p, uid, gid);
        if (!e.isSymbolicLink()) {
            Sys.chmodNoFollow(p, e.getMode() & 07777);
        }
        if (!e.isDirectory()) {
            setTime(p, e.getLastModifiedTime());
        }
    }

    /** Sets a directory's mtime, reopening it inside the target; one the container removed meanwhile is skipped. */
    private void setDirectoryTime(DirTime d) {
        int dir;
        try {
            dir = ScopedRoot.openDirectory(target, d.path());
        } catch (ErrnoException gone) {
            LOG.debug("cannot set the mtime of {}: {}", d.path(), gone.getMessage());
            return;
        }
        try {
            setTime(ScopedRoot.entry(dir, "."), d.mtime());
        } finally {
            Sys.close(dir);
        }
    }

    private static void setTime(Path p, FileTime t) {
        if (t == null) {
            return;
        }
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(t, t, null);
        } catch (IOException ex) {
            LOG.debug("cannot set the mtime of {}: {}", p, ex.toString());
        }
    }

    /** Removes an entry (a directory with its tree), opening each directory from its parent without links. */
    private static void remove(int parent, String name, EntryAttributes a) throws IOException {
        if (a.isDirectory()) {
            int dir = ScopedRoot.openChildDirectory(parent, name);
            try {
                List<String> children = new ArrayList<>();
                try (var s = Files.newDirectoryStream(ScopedRoot.procPath(dir))) {
                    s.forEach(c -> children.add(RawNames.fileName(c)));
                }
                for (String c : children) {
                    EntryAttributes ca = EntryAttributes.lstat(ScopedRoot.entry(dir, c));
                    if (ca != null) {
                        remove(dir, c, ca);
                    }
                }
            } finally {
                Sys.close(dir);
            }
        }
        Files.deleteIfExists(ScopedRoot.entry(parent, name));
    }
}
