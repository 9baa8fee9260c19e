package io.berth.common.sys;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts an overlayfs whose option string does not fit in the one page mount(2) copies (4096 bytes with its
 * NUL, fs/namespace.c {@code copy_mount_options}): a long chain of lower directories.
 *
 * <p>Two ways, tried in order:
 * <ol>
 *   <li>The new mount API (fsopen/fsconfig/fsmount/move_mount, Linux 5.2) with one {@code lowerdir+} key per
 *   lower directory (overlayfs since Linux 6.8, Documentation/filesystems/overlayfs.rst "Multiple lower
 *   layers"): no length limit but the kernel's 500 lower layers (OVL_MAX_STACK).</li>
 *   <li>On older kernels (fsconfig answers EINVAL to {@code lowerdir+}), dockerd's overlay2 fallback
 *   ({@code mountFrom}): every path made relative to the directory all of them share and mount(8) run with
 *   that directory as its working directory, since the kernel resolves relative option paths against the
 *   caller's cwd and a JVM cannot change its own. If even the relative string is longer than a page the
 *   mount fails with dockerd's "cannot mount layer, mount label too large N".</li>
 * </ol>
 * mount(2)'s generic flags map to the new API's MOUNT_ATTR_* bits (ro, nosuid, nodev, noexec, noatime,
 * nodiratime, strictatime; relatime is the default); other flags are refused.
 */
public final class OverlayMount {
    /** The longest data string mount(2) takes: one page less its terminating NUL. */
    public static final int MAX_DATA = 4095;

    private static final long MOUNT_ATTR_RDONLY = 0x1L;
    private static final long MOUNT_ATTR_NOSUID = 0x2L;
    private static final long MOUNT_ATTR_NODEV = 0x4L;
    private static final long MOUNT_ATTR_NOEXEC = 0x8L;
    private static final long MOUNT_ATTR_NOATIME = 0x10L;
    private static final long MOUNT_ATTR_STRICTATIME = 0x20L;
    private static final long MOUNT_ATTR_NODIRATIME = 0x80L;
    private static final int EINVAL = 22;

    private OverlayMount() {
    }

    /**
     * Mounts overlayfs on {@code target} without the one-page limit.
     *
     * @param source the mount's source name ("overlay")
     * @param target the mount point (must exist)
     * @param msFlags mount(2) flags as {@link Sys#mount} parsed them from the options
     * @param dataOptions overlayfs's own options ({@code lowerdir=a:b:c}, {@code upperdir=}, {@code workdir=},
     *     {@code index=off}, ...), in order
     * @throws IOException naming the step and errno, or the relative fallback's mount(8) output
     */
    public static void mountLarge(String source, Path target, long msFlags, List<String> dataOptions)
            throws IOException {
        long attrs = attrFlags(msFlags);
        try {
            mountWithFsconfig(source, target, attrs, dataOptions);
        } catch (LowerdirPlusUnsupported e) {
            mountRelative(source, target, msFlags, dataOptions);
        }
    }

    /** Thrown when this kernel's overlayfs does not know {@code lowerdir+} (before Linux 6.8). */
    private static final class LowerdirPlusUnsupported extends Exception {
        LowerdirPlusUnsupported() {
            super(null, null, false, false);
        }
    }

    private static long attrFlags(long msFlags) throws IOException {
        long attrs = 0;
        long rest = msFlags;
        long[][] map = {{LibC.MS_RDONLY, MOUNT_ATTR_RDONLY}, {2L, MOUNT_ATTR_NOSUID}, {4L, MOUNT_ATTR_NODEV},
            {8L, MOUNT_ATTR_NOEXEC}, {1024L, MOUNT_ATTR_NOATIME}, {2048L, MOUNT_ATTR_NODIRATIME},
            {1L << 24, MOUNT_ATTR_STRICTATIME}, {1L << 21, 0L}};
        for (long[] m : map) {
            if ((rest & m[0]) != 0) {
                attrs |= m[1];
                rest &= ~m[0];
            }
        }
        if (rest != 0) {
            throw new IOException("mount overlay: flags 0x" + Long.toHexString(rest) + " are not supported for an "
                    + "overlay whose options exceed one page");
        }
        return attrs;
    }

    private static void mountWithFsconfig(String source, Path target, long attrs, List<String> dataOptions)
            throws IOException, LowerdirPlusUnsupported {
        int fsfd;
        try {
            fsfd = (int) LibC.INSTANCE.syscall(LibC.SYS_FSOPEN, "overlay", LibC.FS_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("fsopen overlay: errno " + e.getErrorCode() + " (" + e.getMessage() + ")", e);
        }
        try {
            setString(fsfd, "source", source);
            for (String o : dataOptions) {
                int eq = o.indexOf('=');
                if (eq < 0) {
                    config(fsfd, LibC.FSCONFIG_SET_FLAG, o, null);
                } else if (o.startsWith("lowerdir=")) {
                    boolean first = true;
                    for (String lower : o.substring(eq + 1).split(":")) {
                        try {
                            LibC.INSTANCE.syscall(LibC.SYS_FSCONFIG, fsfd, LibC.FSCONFIG_SET_STRING, "lowerdir+",
                                    lower, 0);
                        } catch (LastErrorException e) {
                            if (first && e.getErrorCode() == EINVAL) {
                                throw new LowerdirPlusUnsupported();
                            }
                            throw new IOException("mount overlay on " + target + ": fsconfig lowerdir+ " + lower
                                    + ": errno " + e.getErrorCode() + " (" + e.getMessage() + ")", e);
                        }
                        first = false;
                    }
                } else {
                    setString(fsfd, o.substring(0, eq), o.substring(eq + 1));
                }
            }
            config(fsfd, LibC.FSCONFIG_CMD_CREATE, null, null);
            int mfd;
            try {
                mfd = (int) LibC.INSTANCE.syscall(LibC.SYS_FSMOUNT, fsfd, LibC.FS_CLOEXEC, attrs);
            } catch (LastErrorException e) {
                throw new IOException("mount overlay on " + target + ": fsmount: errno " + e.getErrorCode()
                        + " (" + e.getMessage() + ")", e);
            }
            try {
                LibC.INSTANCE.syscall(LibC.SYS_MOVE_MOUNT, mfd, "", LibC.AT_FDCWD, target.toString(),
                        LibC.MOVE_MOUNT_F_EMPTY_PATH);
            } catch (LastErrorException e) {
                throw new IOException("mount overlay on " + target + ": move_mount: errno " + e.getErrorCode()
                        + " (" + e.getMessage() + ")", e);
            } finally {
                Sys.close(mfd);
            }
        } finally {
            Sys.close(fsfd);
        }
    }

    private static void setString(int fsfd, String key, String value) throws IOException {
        config(fsfd, LibC.FSCONFIG_SET_STRING, key, value);
    }

    private static void config(int fsfd, long cmd, String key, String value) throws IOException {
        try {
            LibC.INSTANCE.syscall(LibC.SYS_FSCONFIG, fsfd, cmd, key, value, 0);
        } catch (LastErrorException e) {
            throw new IOException("mount overlay: fsconfig " + (key == null ? "create" : key) + ": errno "
                    + e.getErrorCode() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * dockerd's {@code mountFrom}: the option paths relative to the directory they share, mounted by mount(8)
     * running in that directory. Package-private so that a test can use it on a kernel that has
     * {@code lowerdir+}.
     *
     * @param source the mount's source name
     * @param target the mount point (absolute)
     * @param msFlags mount(2) flags
     * @param dataOptions overlayfs's options with absolute paths
     * @throws IOException if the relative options still exceed a page or mount(8) fails
     */
    static void mountRelative(String source, Path target, long msFlags, List<String> dataOptions)
            throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String o : dataOptions) {
            if (isPathOption(o)) {
                for (String p : o.substring(o.indexOf('=') + 1).split(":")) {
                    paths.add(Path.of(p));
                }
            }
        }
        Path base = commonDirectory(paths);
        List<String> relative = new ArrayList<>();
        for (String o : dataOptions) {
            if (!isPathOption(o)) {
                relative.add(o);
                continue;
            }
            int eq = o.indexOf('=');
            List<String> rel = new ArrayList<>();
            for (String p : o.substring(eq + 1).split(":")) {
                rel.add(base.relativize(Path.of(p)).toString());
            }
            relative.add(o.substring(0, eq + 1) + String.join(":", rel));
        }
        if ((msFlags & LibC.MS_RDONLY) != 0) {
            relative.add(0, "ro");
        }
        String data = String.join(",", relative);
        if (data.length() > MAX_DATA) {
            throw new IOException("cannot mount layer, mount label too large " + data.length());
        }
        attrFlags(msFlags & ~LibC.MS_RDONLY); // refuses flags this path would drop
        for (String[] f : new String[][] {{"2", "nosuid"}, {"4", "nodev"}, {"8", "noexec"}}) {
            if ((msFlags & Long.parseLong(f[0])) != 0) {
                data = f[1] + "," + data;
            }
        }
        ProcessBuilder pb = new ProcessBuilder("mount", "-t", "overlay", "-o", data, source, target.toString())
                .directory(base.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mount overlay on " + target + ": mount(8) did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("mount overlay on " + target + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("mount overlay on " + target + " from " + base + ": mount(8) exit "
                    + p.exitValue() + ": " + out);
        }
    }

    private static boolean isPathOption(String o) {
        return o.startsWith("lowerdir=") || o.startsWith("upperdir=") || o.startsWith("workdir=");
    }

    /**
     * @param paths absolute paths
     * @return the deepest directory that is an ancestor of all of them ("/" at worst)
     */
    static Path commonDirectory(List<Path> paths) {
        Path base = paths.isEmpty() || paths.get(0).getParent() == null ? Path.of("/") : paths.get(0).getParent();
        for (Path p : paths) {
            while (base.getParent() != null && (!p.startsWith(base) || p.equals(base))) {
                base = base.getParent();
            }
        }
        return base;
    }
}
