package io.berth.storage.snapshot.tree;

import io.berth.common.fs.RawNames;
import io.berth.common.fs.RawTarNames;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes a merged tree as the flat tar {@code docker export} sends (moby {@code pkg/archive}
 * TarWithOptions on the container's root): every entry below the root (the root itself is left out),
 * depth first, siblings in byte order; names relative, directories with a trailing slash; mode with the
 * file type bits and all 12 permission bits; numeric owner and group plus the names the host's
 * {@code /etc/passwd} and {@code /etc/group} give them ({@link HostNames}, as Go's tar does); mtime in whole
 * seconds; a second name of an inode already written as a hard link to the first; symbolic links, FIFOs and
 * device nodes with their major/minor; the {@code security.capability} xattr as a PAX
 * {@code SCHILY.xattr} record (only when its value is valid UTF-8, which is what berth's layer loader can
 * restore); sockets skipped. Long names and big numbers use PAX headers. No padding after the two end
 * blocks (Go's tar writer adds none).
 */
public final class TarExport {
    private static final Logger LOG = LogManager.getLogger(TarExport.class);
    private static final int COPY_BUFFER = 64 * 1024;

    private final LayerStack tree;
    private final TarArchiveOutputStream tar;
    private final HostNames names = HostNames.load();
    private final Map<String, String> firstNames = new HashMap<>();
    private final byte[] buffer = new byte[COPY_BUFFER];

    /**
     * A writer for single entries ({@link LayerDiffTar} writes a layer's changes through it).
     *
     * @param tree the tree entries come from
     * @param out where the tar goes (not closed)
     */
    TarExport(LayerStack tree, OutputStream out) {
        this.tree = tree;
        this.tar = new TarArchiveOutputStream(out, 512, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * @param tree the merged tree
     * @param out where the tar goes (not closed)
     * @throws IOException if a file cannot be read or {@code out} fails
     */
    public static void write(LayerStack tree, OutputStream out) throws IOException {
        TarExport t = new TarExport(tree, out);
        LayerStack.Entry root = tree.root();
        if (root != null) {
            t.directory(root);
        }
        t.tar.finish();
        t.tar.flush();
    }

    private void directory(LayerStack.Entry dir) throws IOException {
        List<LayerStack.Entry> children = tree.children(dir);
        for (LayerStack.Entry e : children) {
            entry(e);
            if (e.isDirectory()) {
                directory(e);
            }
        }
    }

    /** Writes the two end blocks and flushes (the stream stays open). */
    void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    /**
     * Writes an empty regular file entry owned by root: a whiteout ({@code .wh.<name>}) or opaque marker
     * ({@code .wh..wh..opq}), as moby's archive writes them.
     *
     * @param name the entry's relative name (surrogate-escaped, {@link RawNames})
     * @param permissions the 12 permission bits
     * @param mtime its mtime
     * @param uid owner
     * @param gid group
     * @throws IOException if {@code out} fails
     */
    void emptyFile(String name, int permissions, FileTime mtime, int uid, int gid) throws IOException {
        TarArchiveEntry t = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        t.setMode(FileStat.S_IFREG | permissions);
        t.setSize(0);
        t.setUserId(uid);
        t.setGroupId(gid);
        t.setUserName(names.user(uid));
        t.setGroupName(names.group(gid));
        t.setModTime(FileTime.from(mtime.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        RawTarNames.writeRawNames(tar, t);
        tar.putArchiveEntry(t);
        tar.closeArchiveEntry();
    }

    /** Writes one entry; one that a running container deleted since it was listed is left out. */
    void entry(LayerStack.Entry e) throws IOException {
        InputStream data = null;
        try {
            if (e.stat().isRegular()) {
                data = Files.newInputStream(e.file());
            }
            entry(e, data);
        } catch (NoSuchFileException gone) {
            LOG.debug("export: {} vanished while being exported", e.path());
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }

    private void entry(LayerStack.Entry e, InputStream data) throws IOException {
        FileStat s = e.stat();
        String name = e.path().substring(1);
        TarArchiveEntry t;
        int type = s.type();
        if (type == FileStat.S_IFSOCK) {
            LOG.debug("export: skipping socket {}", e.path());
            return;
        }
        boolean content = false;
        if (type == FileStat.S_IFDIR) {
            t = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        } else if (type == FileStat.S_IFLNK) {
            t = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            t.setLinkName(RawNames.string(Files.readSymbolicLink(e.file())));
        } else if (s.nlink() > 1 && firstNames.containsKey(s.dev() + ":" + s.ino())) {
            t = new TarArchiveEntry(name, TarConstants.LF_LINK);
            t.setLinkName(firstNames.get(s.dev() + ":" + s.ino()));
        } else {
            if (s.nlink() > 1) {
                firstNames.put(s.dev() + ":" + s.ino(), name);
            }
            if (type == FileStat.S_IFCHR || type == FileStat.S_IFBLK) {
                t = new TarArchiveEntry(name, type == FileStat.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                t.setDevMajor(s.devMajor());
                t.setDevMinor(s.devMinor());
            } else if (type == FileStat.S_IFIFO) {
                t = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            } else {
                t = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                t.setSize(s.size());
                content = true;
            }
        }
        t.setMode(s.type() | s.permissions());
        t.setUserId(s.uid());
        t.setGroupId(s.gid());
        t.setUserName(names.user(s.uid()));
        t.setGroupName(names.group(s.gid()));
        t.setModTime(FileTime.from(s.mtime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        if (type != FileStat.S_IFLNK) {
            capability(e.file(), t);
        }
        RawTarNames.writeRawNames(tar, t);
        tar.putArchiveEntry(t);
        if (content) {
            copyExactly(data, e.file(), s.size());
        }
        tar.closeArchiveEntry();
    }

    /** Copies {@code size} bytes: a file that shrank meanwhile is padded with zeros, one that grew is cut. */
    private void copyExactly(InputStream in, Path file, long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        if (left > 0) {
            LOG.debug("export: {} shrank while it was read; padding {} bytes", file, left);
            java.util.Arrays.fill(buffer, (byte) 0);
            while (left > 0) {
                int n = (int) Math.min(buffer.length, left);
                tar.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static void capability(Path file, TarArchiveEntry t) {
        try {
            String cap = Sys.getXattr(file, "security.capability");
            if (cap != null && cap.indexOf('\uFFFD') < 0) {
                t.addPaxHeader("SCHILY.xattr.security.capability", cap);
            }
        } catch (IOException ex) {
            LOG.debug("export: cannot read security.capability of {}: {}", file, ex.toString());
        }
    }
}
