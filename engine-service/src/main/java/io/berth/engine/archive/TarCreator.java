package io.berth.engine.archive;

import io.berth.common.fs.RawNames;
import io.berth.common.fs.RawTarNames;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the tar of one entry of a container's filesystem as dockerd's {@code archive.TarWithOptions}
 * does for {@code GET /containers/{id}/archive}: the entry under its rebased name, and for a directory
 * everything below it, depth first with siblings in byte order; symbolic links are stored, never followed;
 * regular files with several links after the first become hard-link entries; sockets are skipped. Every
 * directory is opened from its parent's descriptor with links refused, and files are opened with
 * O_NOFOLLOW, so a container that swaps an entry for a link meanwhile gets an error or the link itself,
 * never the host's file. Names that are not UTF-8 are kept as their bytes ({@link RawNames}; a PAX header
 * with the raw bytes, {@link RawTarNames}), as Go's tar writer. A file that shrinks while it is read is padded with zeros to its header's size.
 */
public final class TarCreator {
    private static final Logger LOG = LogManager.getLogger(TarCreator.class);

    private final TarArchiveOutputStream tar;
    private final Map<String, String> hardLinks = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];

    /** @param out where the tar goes (not closed; {@link #finish} writes the end-of-archive blocks) */
    public TarCreator(OutputStream out) {
        this.tar = new TarArchiveOutputStream(new NonClosing(out), "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * Writes the entry {@code name} of the directory {@code dirfd}, and its tree, as {@code tarName}.
     *
     * @param dirfd the parent directory
     * @param name the entry's name in it
     * @param tarName its name in the tar (no trailing "/")
     * @throws IOException if the entry vanished ({@link NoSuchFileException}) or cannot be read
     */
    public void writeEntry(int dirfd, String name, String tarName) throws IOException {
        EntryAttributes a = EntryAttributes.lstat(ScopedRoot.entry(dirfd, name));
        if (a == null) {
            throw new NoSuchFileException(tarName);
        }
        if (a.isDirectory()) {
            int child = ScopedRoot.openChildDirectory(dirfd, name);
            try {
                writeDirectory(child, tarName, a);
            } finally {
                Sys.close(child);
            }
        } else {
            writeNonDirectory(dirfd, name, tarName, a);
        }
    }

    /**
     * Writes a directory given by its own descriptor (the container's root) and its tree.
     *
     * @param dirfd the directory
     * @param tarName its name in the tar ("" for the root: children are then "/etc", as dockerd names them)
     * @throws IOException if it cannot be read
     */
    public void writeDirectory(int dirfd, String tarName) throws IOException {
        writeDirectory(dirfd, tarName, EntryAttributes.lstat(ScopedRoot.entry(dirfd, ".")));
    }

    /** Writes the end-of-archive blocks and flushes (the underlying stream stays open). */
    public void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    private void writeDirectory(int dirfd, String tarName, EntryAttributes a) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(tarName + "/", TarConstants.LF_DIR, true);
        attributes(e, a);
        RawTarNames.writeRawNames(tar, e);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        for (String child : children(dirfd)) {
            try {
                writeEntry(dirfd, child, tarName + "/" + child);
            } catch (NoSuchFileException | ErrnoException gone) {
                // removed or swapped by the container meanwhile: dockerd skips what vanishes during the walk
                LOG.debug("skipping {}/{}: {}", tarName, child, gone.getMessage());
            }
        }
    }

    private static List<String> children(int dirfd) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ScopedRoot.procPath(dirfd))) {
            for (Path p : d) {
                names.add(RawNames.fileName(p));
            }
        }
        names.sort(RawNames.BYTE_ORDER);
        return names;
    }

    private void writeNonDirectory(int dirfd, String name, String tarName, EntryAttributes a) throws IOException {
        Path p = ScopedRoot.entry(dirfd, name);
        TarArchiveEntry e;
        boolean content = false;
        if (a.isSymlink()) {
            e = new TarArchiveEntry(tarName, TarConstants.LF_SYMLINK, true);
            e.setLinkName(RawNames.string(Files.readSymbolicLink(p)));
        } else if (a.isRegularFile()) {
            String key = a.dev() + ":" + a.ino();
            String first = a.nlink() > 1 ? hardLinks.putIfAbsent(key, tarName) : null;
            if (first != null) {
                e = new TarArchiveEntry(tarName, TarConstants.LF_LINK, true);
                e.setLinkName(first);
            } else {
                e = new TarArchiveEntry(tarName, TarConstants.LF_NORMAL, true);
                e.setSize(a.size());
                content = true;
            }
        } else if (a.isFifo()) {
            e = new TarArchiveEntry(tarName, TarConstants.LF_FIFO, true);
        } else if (a.isCharDevice() || a.isBlockDevice()) {
            e = new TarArchiveEntry(tarName, a.isCharDevice() ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
            long rdev = a.rdev();
            e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
            e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
        } else {
            LOG.debug("skipping socket {}", tarName);
            return;
        }
        attributes(e, a);
        RawTarNames.writeRawNames(tar, e);
        if (content) {
            try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                tar.putArchiveEntry(e);
                copy(in, a.size());
            }
        } else {
            tar.putArchiveEntry(e);
        }
        tar.closeArchiveEntry();
    }

    private void copy(InputStream in, long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            tar.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void attributes(TarArchiveEntry e, EntryAttributes a) {
        e.setMode(a.mode() & 07777);
        e.setUserId(a.uid());
        e.setGroupId(a.gid());
        e.setModTime(a.mtime().toMillis() / 1000 * 1000);
    }

    /** Keeps the tar stream's close from closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
