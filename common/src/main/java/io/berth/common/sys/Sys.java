package io.berth.common.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked, readable wrappers over {@link LibC}: every failure becomes an {@link IOException} naming the
 * call, the path and the errno, e.g. {@code "mount overlay on /x: errno 22"}.
 */
public final class Sys {
    private Sys() {
    }

    /**
     * Mounts a filesystem (mount(2)). Options are joined with commas; "ro", "bind", "rbind" and mount(8)'s
     * generic flags (nosuid, nodev, noexec, sync, dirsync, noatime, nodiratime, relatime, strictatime; their
     * opposites and "defaults" are no-ops) become flags, the rest is passed as data, as moby's
     * pkg/mount {@code parseOptions} splits them. An overlay whose data would not fit in mount(2)'s one page
     * (a long chain of lower directories) is mounted by {@link OverlayMount} instead.
     *
     * @param type filesystem type ("overlay", "bind", "tmpfs"); "bind" means a bind mount
     * @param source source path or pseudo source
     * @param target the mount point (must exist)
     * @param options mount options as mount(8) takes them
     * @throws IOException with the errno on failure
     */
    public static void mount(String type, String source, Path target, List<String> options) throws IOException {
        long flags = 0;
        List<String> dataOptions = new ArrayList<>();
        for (String o : options) {
            switch (o) {
                case "ro" -> flags |= LibC.MS_RDONLY;
                case "rw" -> { }
                case "bind" -> flags |= LibC.MS_BIND;
                case "rbind" -> flags |= LibC.MS_BIND | LibC.MS_REC;
                case "nosuid" -> flags |= 2L;
                case "nodev" -> flags |= 4L;
                case "noexec" -> flags |= 8L;
                case "sync" -> flags |= 16L;
                case "dirsync" -> flags |= 128L;
                case "noatime" -> flags |= 1024L;
                case "nodiratime" -> flags |= 2048L;
                case "relatime" -> flags |= 1L << 21;
                case "strictatime" -> flags |= 1L << 24;
                case "defaults", "suid", "dev", "exec", "async", "atime", "diratime" -> { }
                default -> dataOptions.add(o);
            }
        }
        String data = String.join(",", dataOptions);
        if ("overlay".equals(type) && data.length() > OverlayMount.MAX_DATA) {
            OverlayMount.mountLarge(source, target, flags, dataOptions);
            return;
        }
        String fstype = type;
        if ("bind".equals(type)) {
            flags |= LibC.MS_BIND;
            fstype = null;
        }
        try {
            LibC.INSTANCE.mount(source, target.toString(), fstype, new NativeLong(flags),
                    data.isEmpty() ? null : data);
            if ((flags & LibC.MS_BIND) != 0 && (flags & LibC.MS_RDONLY) != 0) {
                // A bind mount ignores MS_RDONLY on the first call: remount it read-only.
                LibC.INSTANCE.mount(null, target.toString(), null,
                        new NativeLong(LibC.MS_BIND | LibC.MS_RDONLY | 32L /* MS_REMOUNT */), null);
            }
        } catch (LastErrorException e) {
            throw new IOException("mount " + type + " on " + target + ": errno " + e.getErrorCode()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Unmounts {@code target} (umount2(2)).
     *
     * @param target the mount point
     * @param detach lazy unmount (MNT_DETACH)
     * @throws IOException with the errno on failure (EINVAL if nothing is mounted there)
     */
    public static void unmount(Path target, boolean detach) throws IOException {
        try {
            LibC.INSTANCE.umount2(target.toString(), detach ? LibC.MNT_DETACH : 0);
        } catch (LastErrorException e) {
            throw new IOException("unmount " + target + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Creates a device node or FIFO (mknod(2)).
     *
     * @param path the new node
     * @param typeAndMode {@link LibC#S_IFCHR}, {@link LibC#S_IFBLK} or {@link LibC#S_IFIFO} ORed with the
     *     permission bits
     * @param major device major number (0 for a FIFO)
     * @param minor device minor number
     * @throws IOException with the errno on failure
     */
    public static void mknod(Path path, int typeAndMode, int major, int minor) throws IOException {
        long dev = ((long) (major & 0xfffff000) << 32) | ((major & 0xfffL) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xffL);
        try {
            LibC.INSTANCE.mknod(cPath(path), typeAndMode, dev);
        } catch (LastErrorException e) {
            throw new IOException("mknod " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Sets all 12 mode bits, including setuid (04000), setgid (02000) and sticky (01000) (chmod(2)).
     *
     * @param path a file or directory (symlinks are followed: never call it on a symlink)
     * @param mode the mode bits, e.g. 04755
     * @throws IOException with the errno on failure
     */
    public static void chmod(Path path, int mode) throws IOException {
        try {
            LibC.INSTANCE.chmod(cPath(path), mode & 07777);
        } catch (LastErrorException e) {
            throw new IOException("chmod " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Changes the owner without following symlinks (lchown(2)).
     *
     * @throws IOException with the errno on failure
     */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        try {
            LibC.INSTANCE.lchown(cPath(path), uid, gid);
        } catch (LastErrorException e) {
            throw new IOException("lchown " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Sets an extended attribute in any namespace ("trusted.overlay.opaque", "security.capability")
     * without following symlinks (lsetxattr(2)).
     *
     * @throws IOException with the errno on failure
     */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        try {
            LibC.INSTANCE.lsetxattr(cPath(path), name, value, new NativeLong(value.length), 0);
        } catch (LastErrorException e) {
            throw new IOException("lsetxattr " + name + " on " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Lists the extended attributes of a path without following symlinks (llistxattr(2)), in every namespace
     * the caller may read (as root: user, trusted, security, system).
     *
     * @param path a path
     * @return the attribute names ([] when there are none or the filesystem has no xattrs)
     * @throws IOException with the errno on any other failure
     */
    public static List<String> listXattrs(Path path) throws IOException {
        byte[] buf = new byte[65536];
        long n;
        try {
            n = LibC.INSTANCE.llistxattr(path.toString(), buf, new NativeLong(buf.length)).longValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 95 /* EOPNOTSUPP */) {
                return List.of();
            }
            throw new IOException("llistxattr " + path + ": errno " + e.getErrorCode(), e);
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == 0) {
                if (i > start) {
                    names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }

    /**
     * Reads an extended attribute's raw value without following symlinks (lgetxattr(2)).
     *
     * @return the value, or {@code null} if the attribute is absent (ENODATA)
     * @throws IOException with the errno on any other failure
     */
    public static byte[] getXattrBytes(Path path, String name) throws IOException {
        byte[] buf = new byte[65536];
        try {
            byte[] cPath = cPath(path); // exact bytes: the name may not be UTF-8
            long n = LibC.INSTANCE.lgetxattr(cPath, name, buf, new NativeLong(buf.length)).longValue();
            return Arrays.copyOf(buf, (int) n);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 61 /* ENODATA */) {
                return null;
            }
            throw new IOException("lgetxattr " + name + " on " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Reads an extended attribute without following symlinks (lgetxattr(2)).
     *
     * @return the value as UTF-8 text, or {@code null} if the attribute is absent (ENODATA)
     * @throws IOException with the errno on any other failure
     */
    public static String getXattr(Path path, String name) throws IOException {
        byte[] value = getXattrBytes(path, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Lists a directory with readdir(3) and returns each entry's d_type, which Java's directory APIs do not
     * expose; a filesystem without d_type support (e.g. xfs formatted with ftype=0) fills in
     * {@link LibC#DT_UNKNOWN} (0) for every entry.
     *
     * @param dir the directory
     * @return entry name ("." and ".." included) to d_type (DT_DIR 4, DT_REG 8, DT_UNKNOWN 0, ...), in
     *     readdir order
     * @throws IOException with the errno if the directory cannot be opened
     */
    public static Map<String, Integer> direntTypes(Path dir) throws IOException {
        Pointer d;
        try {
            d = LibC.INSTANCE.opendir(dir.toString());
        } catch (LastErrorException e) {
            throw new IOException("opendir " + dir + ": errno " + e.getErrorCode(), e);
        }
        if (d == null) {
            throw new IOException("opendir " + dir + ": failed");
        }
        Map<String, Integer> types = new LinkedHashMap<>();
        try {
            for (Pointer e = LibC.INSTANCE.readdir(d); e != null; e = LibC.INSTANCE.readdir(d)) {
                types.put(e.getString(LibC.DIRENT_D_NAME_OFFSET, StandardCharsets.UTF_8.name()),
                        e.getByte(LibC.DIRENT_D_TYPE_OFFSET) & 0xff);
            }
        } finally {
            try {
                LibC.INSTANCE.closedir(d);
            } catch (LastErrorException ignored) {
                // the listing is complete; a failing close of a read-only handle changes nothing
            }
        }
        return types;
    }

    /** @return true if the process runs as root (effective UID 0) */
    public static boolean isRoot() {
        return LibC.INSTANCE.geteuid() == 0;
    }

    /**
     * Opens {@code path} relative to {@code dirfd} with openat2(2) (Linux 5.6+).
     *
     * @param dirfd a directory descriptor, or {@link LibC#AT_FDCWD}
     * @param path the path to resolve ("" is refused by the kernel; use ".")
     * @param flags open(2) flags ({@link LibC#O_PATH}, {@link LibC#O_DIRECTORY}, {@link LibC#O_NOFOLLOW}, ...);
     *     {@link LibC#O_CLOEXEC} is always added
     * @param resolve the RESOLVE_* flags, e.g. {@link LibC#RESOLVE_IN_ROOT}
     * @return the new descriptor
     * @throws ErrnoException with the errno on failure (ENOENT 2, ENOTDIR 20, ELOOP 40, EXDEV 18, ...)
     */
    public static int openat2(int dirfd, String path, long flags, long resolve) throws ErrnoException {
        return openat2(dirfd, io.berth.common.fs.RawNames.encode(path), flags, resolve);
    }

    /**
     * Opens {@code path}, given as its exact bytes, relative to {@code dirfd} with openat2(2) (Linux 5.6+);
     * the String overload passes a {@link io.berth.common.fs.RawNames} surrogate-escaped path through here.
     *
     * @param dirfd a directory descriptor, or {@link LibC#AT_FDCWD}
     * @param path the path's bytes, without the terminating NUL
     * @param flags open(2) flags; {@link LibC#O_CLOEXEC} is always added
     * @param resolve the RESOLVE_* flags
     * @return the new descriptor
     * @throws ErrnoException with the errno on failure
     */
    public static int openat2(int dirfd, byte[] path, long flags, long resolve) throws ErrnoException {
        byte[] cPath = java.util.Arrays.copyOf(path, path.length + 1);
        try (com.sun.jna.Memory how = new com.sun.jna.Memory(24)) {
            how.setLong(0, flags | LibC.O_CLOEXEC);
            how.setLong(8, 0);
            how.setLong(16, resolve);
            return (int) LibC.INSTANCE.syscall(LibC.SYS_OPENAT2, dirfd, cPath, how, 24);
        } catch (LastErrorException e) {
            throw new ErrnoException("openat2 " + io.berth.common.fs.RawNames.display(
                    io.berth.common.fs.RawNames.decode(path)), e.getErrorCode(), e);
        }
    }

    /**
     * Closes a descriptor (close(2)); errors are ignored (the descriptor is gone either way).
     *
     * @param fd the descriptor, or a negative value for none
     */
    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException ignored) {
            // EINTR or EIO: Linux has released the descriptor anyway
        }
    }

    /**
     * Sets all 12 mode bits of a file that is not a symbolic link, never following one
     * (fchmodat(2) with AT_SYMLINK_NOFOLLOW): safe on paths a hostile process may swap for a link.
     *
     * @param path the file
     * @param mode the mode bits, e.g. 04755
     * @throws IOException with the errno on failure (EOPNOTSUPP 95 if it is a symbolic link)
     */
    public static void chmodNoFollow(Path path, int mode) throws IOException {
        try {
            LibC.INSTANCE.fchmodat(LibC.AT_FDCWD, cPath(path), mode & 07777, LibC.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new ErrnoException("chmod " + path, e.getErrorCode(), e);
        }
    }

    /**
     * @param path a path (made absolute against the working directory)
     * @return its exact bytes ({@link io.berth.common.fs.RawNames#bytes}) and a terminating NUL, for a JNA
     *     call: a {@code String} argument is encoded as UTF-8 and misses a name that is not
     */
    public static byte[] cPath(Path path) {
        byte[] raw = io.berth.common.fs.RawNames.bytes(path);
        return java.util.Arrays.copyOf(raw, raw.length + 1);
    }
}
