package io.berth.engine.archive;

import io.berth.common.fs.RawNames;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory descriptor used as a root: every path is resolved by the kernel with openat2(2)
 * {@code RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS}, so "/" and ".." stop at this directory and absolute
 * symbolic links start again from it, whatever a (possibly running, hostile) container does to its tree
 * meanwhile; moby's {@code FollowSymlinkInScope} without its race. Magic links ({@code /proc/self/root}
 * inside the container would be the engine's own root) are refused. Operations on an entry go through
 * {@code /proc/self/fd/<dirfd>/<name>} with a single last component that is never followed, so no
 * path string is ever resolved from the host's root. Names are {@link RawNames} surrogate-escaped strings
 * (any bytes, so a name that is not UTF-8 is reached), passed to the kernel as their exact bytes.
 */
public final class ScopedRoot implements AutoCloseable {
    private static final long IN_ROOT = LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS;

    private final int fd;

    /**
     * @param fd a directory descriptor; this object owns it from now on
     */
    public ScopedRoot(int fd) {
        this.fd = fd;
    }

    /**
     * Opens a directory as a root.
     *
     * @param dir a directory (e.g. {@code /proc/<pid>/root}); a symbolic link as dir is followed once, from
     *     the host's root: pass only paths the engine controls
     * @return the root
     * @throws ErrnoException if it cannot be opened
     */
    public static ScopedRoot open(Path dir) throws ErrnoException {
        return new ScopedRoot(Sys.openat2(LibC.AT_FDCWD, dir.toString(), LibC.O_PATH | LibC.O_DIRECTORY, 0));
    }

    /** @return the root's descriptor */
    public int fd() {
        return fd;
    }

    /**
     * Opens a directory in the root, following every symbolic link inside the root.
     *
     * @param path a path in the root (absolute or relative, "" or "/" for the root itself)
     * @return a new O_PATH descriptor of the directory; the caller closes it
     * @throws ErrnoException ENOENT, ENOTDIR (a file, or a link to one), ELOOP, ...
     */
    public int openDirectory(String path) throws ErrnoException {
        return openDirectory(fd, path);
    }

    /**
     * Opens any entry in the root, following every symbolic link inside the root.
     *
     * @param path a path in the root
     * @return a new O_PATH descriptor; the caller closes it
     * @throws ErrnoException ENOENT, ELOOP, ...
     */
    public int openFollowing(String path) throws ErrnoException {
        return Sys.openat2(fd, relative(path), LibC.O_PATH, IN_ROOT);
    }

    /**
     * Opens a directory below {@code dirfd} as if {@code dirfd} were the root (a tar is extracted into a
     * directory as dockerd's chrooted untar does: the tree's links resolve inside the target directory).
     *
     * @param dirfd the directory used as root
     * @param path a path below it
     * @return a new O_PATH descriptor of the directory
     * @throws ErrnoException ENOENT, ENOTDIR, ...
     */
    public static int openDirectory(int dirfd, String path) throws ErrnoException {
        return Sys.openat2(dirfd, relative(path), LibC.O_PATH | LibC.O_DIRECTORY, IN_ROOT);
    }

    /**
     * Opens the child directory {@code name} of {@code dirfd}, refusing a symbolic link.
     *
     * @param dirfd a directory
     * @param name one component, not "." or ".."
     * @return a new O_PATH descriptor
     * @throws ErrnoException ENOTDIR or ELOOP if it is not a real directory, ENOENT, ...
     */
    public static int openChildDirectory(int dirfd, String name) throws ErrnoException {
        return Sys.openat2(dirfd, name, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW,
                LibC.RESOLVE_BENEATH | LibC.RESOLVE_NO_SYMLINKS | LibC.RESOLVE_NO_MAGICLINKS);
    }

    /**
     * @param dirfd a directory descriptor
     * @return the path naming that directory itself ({@code /proc/self/fd/<n>}); resolving it jumps to the
     *     descriptor's directory, never re-resolves a path
     */
    public static Path procPath(int dirfd) {
        return Path.of("/proc/self/fd/" + dirfd);
    }

    /**
     * @param dirfd a directory descriptor
     * @param name one component in it (surrogate-escaped, {@link RawNames}: its exact bytes are used)
     * @return {@code /proc/self/fd/<n>/<name>}: use only with calls that do not follow the last component
     */
    public static Path entry(int dirfd, String name) {
        return RawNames.resolve(procPath(dirfd), name);
    }

    /**
     * The path of an open descriptor relative to this root, as the kernel names it (readlink of
     * {@code /proc/self/fd}): "/" for the root itself, "/etc/passwd" for a file in it.
     *
     * @param other a descriptor of an entry inside this root
     * @return the absolute path in the root
     * @throws IOException if the names cannot be read or the entry is not below the root
     */
    public String pathOf(int other) throws IOException {
        String root = RawNames.string(java.nio.file.Files.readSymbolicLink(procPath(fd)));
        String p = RawNames.string(java.nio.file.Files.readSymbolicLink(procPath(other)));
        if (root.equals("/")) {
            return p;
        }
        if (p.equals(root)) {
            return "/";
        }
        if (p.startsWith(root + "/")) {
            return p.substring(root.length());
        }
        throw new IOException("the entry " + p + " is not below the container's root " + root);
    }

    /** Closes the root's descriptor. */
    @Override
    public void close() {
        Sys.close(fd);
    }

    private static String relative(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "." : p;
    }
}
