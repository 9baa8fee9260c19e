package io.berth.storage.snapshot.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What lstat(2) says about one file, through the JDK's "unix" attribute view (symbolic links are never
 * followed).
 *
 * @param mode st_mode: file type bits and the 12 permission bits
 * @param uid owner
 * @param gid group
 * @param size st_size in bytes
 * @param mtime modification time, nanosecond precision
 * @param rdev st_rdev (device nodes), glibc's makedev encoding
 * @param dev st_dev of the file's filesystem
 * @param ino inode number
 * @param nlink hard link count
 */
public record FileStat(int mode, int uid, int gid, long size, FileTime mtime, long rdev, long dev, long ino,
                       int nlink) {
    /** S_IFMT: the file type bits of st_mode. */
    public static final int S_IFMT = 0170000;
    /** S_IFDIR. */
    public static final int S_IFDIR = 0040000;
    /** S_IFREG. */
    public static final int S_IFREG = 0100000;
    /** S_IFLNK. */
    public static final int S_IFLNK = 0120000;
    /** S_IFCHR. */
    public static final int S_IFCHR = 0020000;
    /** S_IFBLK. */
    public static final int S_IFBLK = 0060000;
    /** S_IFIFO. */
    public static final int S_IFIFO = 0010000;
    /** S_IFSOCK. */
    public static final int S_IFSOCK = 0140000;

    /**
     * @param p a path
     * @return its lstat, or {@code null} if it does not exist (or a parent is not a directory)
     * @throws IOException on any other failure
     */
    public static FileStat lstat(Path p) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,rdev,dev,ino,nlink",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.file.FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("Not a directory")) {
                return null;
            }
            throw e;
        }
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (Long) a.get("rdev"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"));
    }

    /** @return the file type bits ({@link #S_IFDIR}, {@link #S_IFREG}, ...) */
    public int type() {
        return mode & S_IFMT;
    }

    /** @return the 12 permission bits (setuid, setgid, sticky, rwx) */
    public int permissions() {
        return mode & 07777;
    }

    /** @return true for a directory */
    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    /** @return true for a symbolic link */
    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** @return true for a regular file */
    public boolean isRegular() {
        return type() == S_IFREG;
    }

    /** @return the major number of {@link #rdev} (glibc's gnu_dev_major) */
    public int devMajor() {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    /** @return the minor number of {@link #rdev} (glibc's gnu_dev_minor) */
    public int devMinor() {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    /**
     * @return true for an overlayfs whiteout: a character device 0/0 (Documentation/filesystems/overlayfs.rst
     *     "whiteouts and opaque directories")
     */
    public boolean isWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }
}
