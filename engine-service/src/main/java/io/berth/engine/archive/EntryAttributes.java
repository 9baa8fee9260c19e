package io.berth.engine.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * lstat(2) of one entry, read through the JDK's "unix" attribute view without following a last link.
 *
 * @param mode st_mode (type and permission bits)
 * @param uid owner
 * @param gid group
 * @param size st_size in bytes
 * @param mtime modification time
 * @param dev st_dev
 * @param ino st_ino
 * @param nlink link count
 * @param rdev st_rdev of a device
 */
public record EntryAttributes(int mode, int uid, int gid, long size, FileTime mtime, long dev, long ino, int nlink,
                              long rdev) {
    private static final int S_IFMT = 0170000;

    /**
     * @param p an entry path whose last component is not followed (e.g. {@link ScopedRoot#entry})
     * @return its attributes, or null if it does not exist
     * @throws IOException on other failures
     */
    public static EntryAttributes lstat(Path p) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,dev,ino,nlink,rdev",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        return new EntryAttributes((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (Long) a.get("dev"),
                (Long) a.get("ino"), (Integer) a.get("nlink"), (Long) a.get("rdev"));
    }

    /** @return true for a directory */
    public boolean isDirectory() {
        return (mode & S_IFMT) == 0040000;
    }

    /** @return true for a symbolic link */
    public boolean isSymlink() {
        return (mode & S_IFMT) == 0120000;
    }

    /** @return true for a regular file */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == 0100000;
    }

    /** @return true for a FIFO */
    public boolean isFifo() {
        return (mode & S_IFMT) == 0010000;
    }

    /** @return true for a character device */
    public boolean isCharDevice() {
        return (mode & S_IFMT) == 0020000;
    }

    /** @return true for a block device */
    public boolean isBlockDevice() {
        return (mode & S_IFMT) == 0060000;
    }

    /** @return true for a socket */
    public boolean isSocket() {
        return (mode & S_IFMT) == 0140000;
    }
}
