package io.berth.common.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes a directory tree of any depth and any total path length by walking it with descriptors
 * (openat(2), fdopendir(3), unlinkat(2)), as {@code rm -rf} does: no path string longer than one name is
 * ever handed to the kernel below the starting directory, so a tree deeper than PATH_MAX (4096 bytes) that a
 * hostile layer or an interrupted write left behind is removed like any other. No recursion (a Java stack
 * would overflow at a few thousand levels); at most {@value #MAX_OPEN_LEVELS} directory descriptors are held
 * at once, deeper levels go back up through {@code ..} (the tree must not be moved meanwhile; it is only
 * used on directories this process owns, such as storage's snapshot and temp trees). Symbolic links are
 * removed, never followed; entries that vanish meanwhile are fine (another process may remove them too).
 */
public final class TreeRemover {
    /** Directory descriptors held open at most; deeper ancestors are reopened through {@code ..}. */
    static final int MAX_OPEN_LEVELS = 64;
    private static final int ENOENT = 2;
    private static final int EISDIR = 21;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;
    private static final int EPERM = 1;
    private static final int DIR_FLAGS = LibC.O_RDONLY | (int) LibC.O_DIRECTORY | (int) LibC.O_NOFOLLOW
            | (int) LibC.O_CLOEXEC;
    private static final byte[] DOT_DOT = {'.', '.', 0};

    private TreeRemover() {
    }

    /** One directory being emptied: its name in its parent (NUL-terminated) and its open listing. */
    private static final class Level {
        final byte[] name;
        Pointer dir;

        Level(byte[] name, Pointer dir) {
            this.name = name;
            this.dir = dir;
        }
    }

    /**
     * Removes {@code path} and, if it is a directory, everything below it. A missing path is fine.
     *
     * @param path a file, symbolic link or directory; the path itself must fit in PATH_MAX
     * @throws IOException with the errno and the name (relative to {@code path}) of the first entry that
     *     cannot be removed (EBUSY for a mount point, EPERM for an immutable file, ...)
     */
    public static void delete(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new IOException("refusing to remove /");
        }
        int parentFd;
        try {
            parentFd = LibC.INSTANCE.openat(LibC.AT_FDCWD, Sys.cPath(parent), DIR_FLAGS, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return;
            }
            throw new ErrnoException("open " + parent, e.getErrorCode(), e);
        }
        try {
            byte[] raw = RawNames.encode(RawNames.fileName(abs));
            byte[] name = Arrays.copyOf(raw, raw.length + 1);
            if (!unlinkNonDirectory(parentFd, name, abs)) {
                removeDirectory(parentFd, name, abs);
            }
        } finally {
            Sys.close(parentFd);
        }
    }

    /** @return true if the entry is gone (removed or missing), false if it is a directory */
    private static boolean unlinkNonDirectory(int dirFd, byte[] name, Path where) throws IOException {
        try {
            LibC.INSTANCE.unlinkat(dirFd, name, 0);
            return true;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == ENOENT) {
                return true;
            }
            if (errno == EISDIR || errno == EPERM) {
                return false;
            }
            throw new ErrnoException("unlink " + where + "/" + display(name), errno, e);
        }
    }

    private static void removeDirectory(int topParentFd, byte[] topName, Path top) throws IOException {
        List<Level> levels = new ArrayList<>();
        Pointer topDir = openListing(topParentFd, topName, top);
        if (topDir == null) {
            return;
        }
        levels.add(new Level(topName, topDir));
        try {
            while (!levels.isEmpty()) {
                Level current = levels.get(levels.size() - 1);
                Pointer entry = LibC.INSTANCE.readdir(current.dir);
                if (entry == null) {
                    finishLevel(levels, topParentFd, top);
                    continue;
                }
                byte[] name = entryName(entry);
                if (isDotOrDotDot(name)) {
                    continue;
                }
                int fd = LibC.INSTANCE.dirfd(current.dir);
                int type = entry.getByte(LibC.DIRENT_D_TYPE_OFFSET) & 0xff;
                if (type != LibC.DT_DIR && unlinkNonDirectory(fd, name, top)) {
                    continue;
                }
                Pointer child = openListing(fd, name, top);
                if (child == null) {
                    continue;
                }
                levels.add(new Level(name, child));
                if (levels.size() > MAX_OPEN_LEVELS) {
                    Level far = levels.get(levels.size() - 1 - MAX_OPEN_LEVELS);
                    closeQuietly(far.dir);
                    far.dir = null;
                }
            }
        } finally {
            for (Level l : levels) {
                closeQuietly(l.dir);
            }
        }
    }

    /** Removes the emptied innermost directory from its parent, reopening the parent through ".." if needed. */
    private static void finishLevel(List<Level> levels, int topParentFd, Path top) throws IOException {
        Level done = levels.remove(levels.size() - 1);
        int parentFd = topParentFd;
        if (!levels.isEmpty()) {
            Level parent = levels.get(levels.size() - 1);
            if (parent.dir == null) {
                parent.dir = openListing(LibC.INSTANCE.dirfd(done.dir), DOT_DOT, top);
                if (parent.dir == null) {
                    closeQuietly(done.dir);
                    throw new IOException("cannot go back up from " + display(done.name) + " in " + top);
                }
            }
            parentFd = LibC.INSTANCE.dirfd(parent.dir);
        }
        closeQuietly(done.dir);
        done.dir = null;
        try {
            LibC.INSTANCE.unlinkat(parentFd, done.name, LibC.AT_REMOVEDIR);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ENOENT) {
                throw new ErrnoException("rmdir " + display(done.name) + " in " + top, e.getErrorCode(), e);
            }
        }
    }

    /** @return the listing of directory {@code name}, or null if it vanished or is no longer a directory */
    private static Pointer openListing(int dirFd, byte[] name, Path top) throws IOException {
        int fd;
        try {
            fd = LibC.INSTANCE.openat(dirFd, name, DIR_FLAGS, 0);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == ENOENT) {
                return null;
            }
            if ((errno == ENOTDIR || errno == ELOOP) && unlinkNonDirectory(dirFd, name, top)) {
                return null;
            }
            throw new ErrnoException("open " + display(name) + " in " + top, errno, e);
        }
        Pointer dir;
        try {
            dir = LibC.INSTANCE.fdopendir(fd);
        } catch (LastErrorException e) {
            Sys.close(fd);
            throw new ErrnoException("fdopendir " + display(name) + " in " + top, e.getErrorCode(), e);
        }
        if (dir == null) {
            Sys.close(fd);
            throw new IOException("fdopendir " + display(name) + " in " + top + ": failed");
        }
        return dir;
    }

    private static byte[] entryName(Pointer entry) {
        long len = entry.indexOf(LibC.DIRENT_D_NAME_OFFSET, (byte) 0); // relative to the offset
        byte[] name = new byte[(int) len + 1];
        entry.read(LibC.DIRENT_D_NAME_OFFSET, name, 0, (int) len);
        return name;
    }

    private static boolean isDotOrDotDot(byte[] n) {
        return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0));
    }

    private static String display(byte[] nulTerminated) {
        return RawNames.display(RawNames.decode(Arrays.copyOf(nulTerminated, nulTerminated.length - 1)));
    }

    private static void closeQuietly(Pointer dir) {
        if (dir == null) {
            return;
        }
        try {
            LibC.INSTANCE.closedir(dir);
        } catch (LastErrorException ignored) {
            // the descriptor is released either way
        }
    }
}
