package io.berth.common.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls Java has no API for, through JNA (direct syscall wrappers, no fork). Each throws
 * {@link LastErrorException} with the real errno on failure; {@link Sys} wraps them with readable errors.
 * Constants are Linux x86_64 values (see the man pages named on each method).
 */
public interface LibC extends Library {
    /** The loaded C library. */
    LibC INSTANCE = Native.load("c", LibC.class);

    /** MS_RDONLY for mount(2). */
    long MS_RDONLY = 1L;
    /** MS_BIND for mount(2). */
    long MS_BIND = 4096L;
    /** MS_REC for mount(2). */
    long MS_REC = 16384L;
    /** MS_PRIVATE for mount(2). */
    long MS_PRIVATE = 1L << 18;
    /** MNT_DETACH for umount2(2): lazy unmount. */
    int MNT_DETACH = 2;
    /** S_IFCHR for mknod(2). */
    int S_IFCHR = 0020000;
    /** S_IFBLK for mknod(2). */
    int S_IFBLK = 0060000;
    /** S_IFIFO for mknod(2). */
    int S_IFIFO = 0010000;

    /** mount(2). */
    int mount(String source, String target, String fstype, NativeLong flags, String data)
            throws LastErrorException;

    /** umount2(2). */
    int umount2(String target, int flags) throws LastErrorException;

    /** mknod(2); {@code dev} is makedev(major, minor). */
    int mknod(String path, int mode, long dev) throws LastErrorException;

    /** The same call with the path as exact NUL-terminated bytes ({@link Sys#cPath}). */
    int mknod(byte[] path, int mode, long dev) throws LastErrorException;

    /** chmod(2): the only way to set setuid, setgid and sticky bits from Java. Follows symlinks. */
    int chmod(String path, int mode) throws LastErrorException;

    /** The same call with the path as exact NUL-terminated bytes ({@link Sys#cPath}). */
    int chmod(byte[] path, int mode) throws LastErrorException;

    /** lchown(2): does not follow symlinks. */
    int lchown(String path, int uid, int gid) throws LastErrorException;

    /** The same call with the path as exact NUL-terminated bytes ({@link Sys#cPath}). */
    int lchown(byte[] path, int uid, int gid) throws LastErrorException;

    /** lsetxattr(2): does not follow symlinks; flags 0 = create or replace. */
    int lsetxattr(String path, String name, byte[] value, NativeLong size, int flags) throws LastErrorException;

    /** The same call with the path as exact NUL-terminated bytes ({@link Sys#cPath}). */
    int lsetxattr(byte[] path, String name, byte[] value, NativeLong size, int flags) throws LastErrorException;

    /** llistxattr(2): the NUL-separated names of a path's extended attributes; returns the list's length. */
    NativeLong llistxattr(String path, byte[] list, NativeLong size) throws LastErrorException;

    /** lgetxattr(2); returns the value's length. */
    NativeLong lgetxattr(String path, String name, byte[] value, NativeLong size) throws LastErrorException;

    /** lgetxattr(2) with the path as its raw NUL-terminated bytes (names that are not UTF-8). */
    NativeLong lgetxattr(byte[] path, String name, byte[] value, NativeLong size) throws LastErrorException;

    /** geteuid(2). */
    int geteuid();

    /** DT_UNKNOWN, a dirent d_type the filesystem did not fill in (readdir(3)). */
    int DT_UNKNOWN = 0;
    /** Offset of d_type in glibc's 64-bit struct dirent (d_ino 8, d_off 8, d_reclen 2). */
    int DIRENT_D_TYPE_OFFSET = 18;
    /** Offset of d_name in glibc's 64-bit struct dirent. */
    int DIRENT_D_NAME_OFFSET = 19;

    /** opendir(3); returns a DIR* or NULL. */
    Pointer opendir(String name) throws LastErrorException;

    /** readdir(3); returns a struct dirent* or NULL at the end (errno is left untouched) or on error. */
    Pointer readdir(Pointer dir);

    /** closedir(3). */
    int closedir(Pointer dir) throws LastErrorException;

    /** openat2(2)'s syscall number on x86_64 (Linux 5.6). */
    long SYS_OPENAT2 = 437L;
    /** O_PATH for open(2): a handle that only names the file. */
    long O_PATH = 010000000L;
    /** O_DIRECTORY for open(2). */
    long O_DIRECTORY = 0200000L;
    /** O_NOFOLLOW for open(2). */
    long O_NOFOLLOW = 0400000L;
    /** O_CLOEXEC for open(2). */
    long O_CLOEXEC = 02000000L;
    /** RESOLVE_NO_MAGICLINKS for openat2(2): refuse /proc/[pid]/fd and /proc/[pid]/root style links. */
    long RESOLVE_NO_MAGICLINKS = 0x02L;
    /** RESOLVE_NO_SYMLINKS for openat2(2). */
    long RESOLVE_NO_SYMLINKS = 0x04L;
    /** RESOLVE_BENEATH for openat2(2): fail rather than leave the directory. */
    long RESOLVE_BENEATH = 0x08L;
    /** RESOLVE_IN_ROOT for openat2(2): resolve as if the directory were the root ("/" and ".." stay in it). */
    long RESOLVE_IN_ROOT = 0x10L;
    /** AT_FDCWD for the *at(2) calls. */
    int AT_FDCWD = -100;
    /** AT_SYMLINK_NOFOLLOW for the *at(2) calls. */
    int AT_SYMLINK_NOFOLLOW = 0x100;

    /**
     * syscall(2) with openat2's arguments: {@code syscall(SYS_OPENAT2, dirfd, path, &how, sizeof how)}.
     *
     * @return the new file descriptor
     */
    long syscall(long number, long dirfd, String path, Pointer how, long size) throws LastErrorException;

    /**
     * syscall(2) with openat2's arguments, the path as exact bytes (NUL-terminated): for names that are not
     * valid UTF-8.
     *
     * @return the new file descriptor
     */
    long syscall(long number, long dirfd, byte[] path, Pointer how, long size) throws LastErrorException;

    /** fsopen(2)'s syscall number on x86_64 (Linux 5.2, the new mount API). */
    long SYS_FSOPEN = 430L;
    /** fsconfig(2)'s syscall number on x86_64. */
    long SYS_FSCONFIG = 431L;
    /** fsmount(2)'s syscall number on x86_64. */
    long SYS_FSMOUNT = 432L;
    /** move_mount(2)'s syscall number on x86_64. */
    long SYS_MOVE_MOUNT = 429L;
    /** FSOPEN_CLOEXEC and FSMOUNT_CLOEXEC. */
    long FS_CLOEXEC = 1L;
    /** fsconfig(2) command: set a flag parameter (no value). */
    long FSCONFIG_SET_FLAG = 0L;
    /** fsconfig(2) command: set a string parameter. */
    long FSCONFIG_SET_STRING = 1L;
    /** fsconfig(2) command: create the superblock from the parameters set. */
    long FSCONFIG_CMD_CREATE = 6L;
    /** move_mount(2) flag: the source is the descriptor itself ({@code from_path} ""). */
    long MOVE_MOUNT_F_EMPTY_PATH = 0x4L;

    /**
     * syscall(2) with fsopen's arguments: {@code syscall(SYS_FSOPEN, fsname, flags)}.
     *
     * @return the filesystem context descriptor
     */
    long syscall(long number, String fsName, long flags) throws LastErrorException;

    /**
     * syscall(2) with fsconfig's arguments: {@code syscall(SYS_FSCONFIG, fd, cmd, key, value, aux)}; key and
     * value may be null.
     *
     * @return 0
     */
    long syscall(long number, long fd, long cmd, String key, String value, long aux) throws LastErrorException;

    /**
     * syscall(2) with fsmount's arguments: {@code syscall(SYS_FSMOUNT, fsfd, flags, attrFlags)}.
     *
     * @return the detached mount's descriptor
     */
    long syscall(long number, long fd, long flags, long attrFlags) throws LastErrorException;

    /**
     * syscall(2) with move_mount's arguments: {@code syscall(SYS_MOVE_MOUNT, fromDirfd, fromPath, toDirfd,
     * toPath, flags)}.
     *
     * @return 0
     */
    long syscall(long number, long fromDirfd, String fromPath, long toDirfd, String toPath, long flags)
            throws LastErrorException;

    /** close(2). */
    int close(int fd) throws LastErrorException;

    /** CLONE_NEWNET for setns(2): the file descriptor names a network namespace. */
    int CLONE_NEWNET = 0x40000000;

    /**
     * setns(2): moves the calling thread (only it) into the namespace {@code fd} refers to. Sockets keep the
     * network namespace they were created in, whichever thread uses them later.
     */
    int setns(int fd, int nstype) throws LastErrorException;

    /**
     * fchmodat(2); with {@link #AT_SYMLINK_NOFOLLOW} glibc (2.32+) changes the file only if it is not a
     * symbolic link (EOPNOTSUPP otherwise), never what a link points to.
     */
    int fchmodat(int dirfd, String path, int mode, int flags) throws LastErrorException;

    /** The same call with the path as exact NUL-terminated bytes ({@link Sys#cPath}). */
    int fchmodat(int dirfd, byte[] path, int mode, int flags) throws LastErrorException;

    /** AT_REMOVEDIR for unlinkat(2): remove a directory. */
    int AT_REMOVEDIR = 0x200;
    /** O_RDONLY for open(2). */
    int O_RDONLY = 0;
    /** DT_DIR, a dirent d_type (readdir(3)). */
    int DT_DIR = 4;

    /** openat(2) with the name as exact NUL-terminated bytes; {@code mode} is used only with O_CREAT. */
    int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    /** unlinkat(2) with the name as exact NUL-terminated bytes ({@link #AT_REMOVEDIR} for a directory). */
    int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    /** mkdirat(2) with the name as exact NUL-terminated bytes. */
    int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    /** fdopendir(3): the DIR* takes over {@code fd} ({@link #closedir} closes it); NULL on error. */
    Pointer fdopendir(int fd) throws LastErrorException;

    /** dirfd(3): the descriptor a DIR* reads from (still owned by the DIR*). */
    int dirfd(Pointer dir) throws LastErrorException;
}
