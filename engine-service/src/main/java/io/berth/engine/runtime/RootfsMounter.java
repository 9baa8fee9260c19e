package io.berth.engine.runtime;

import io.berth.common.errors.InternalException;
import io.berth.common.sys.Sys;
import io.berth.engine.container.SnapshotMount;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Mounts a container's snapshot (the mounts the storage service returned) on its bundle's rootfs and
 * unmounts it again. The storage service never mounts anything for the engine (snapshots.proto).
 */
@Singleton
public class RootfsMounter {
    private static final Logger LOG = LogManager.getLogger(RootfsMounter.class);

    /**
     * Performs the mounts on {@code target}, in order; if one fails, the ones done are undone.
     *
     * @param mounts overlay (one mount) or a bind (vfs)
     * @param target the rootfs mount point (must exist)
     * @throws InternalException naming the mount and errno on failure
     */
    public void mount(List<SnapshotMount> mounts, Path target) {
        int done = 0;
        try {
            for (SnapshotMount m : mounts) {
                Sys.mount(m.type(), m.source(), target, m.options());
                done++;
            }
        } catch (IOException e) {
            for (int i = 0; i < done; i++) {
                unmount(target);
            }
            throw new InternalException("cannot mount the container's root filesystem: " + e.getMessage(), e);
        }
    }

    /**
     * Mounts the host-side /dev/shm of a shareable container ({@code tmpfs}, mode 1777, nosuid, nodev, noexec).
     *
     * @param target the mount point (created)
     * @param sizeBytes the size
     * @throws InternalException naming the mount and errno on failure
     */
    public void mountShm(Path target, long sizeBytes) {
        try {
            java.nio.file.Files.createDirectories(target);
            if (!isMounted(target)) {
                Sys.mount("tmpfs", "shm", target, List.of("nosuid", "nodev", "noexec", "mode=1777",
                        "size=" + sizeBytes));
            }
        } catch (IOException e) {
            throw new InternalException("cannot mount the container's /dev/shm: " + e.getMessage(), e);
        }
    }

    /**
     * Unmounts everything stacked on {@code target}; nothing mounted is fine. A busy mount is detached.
     *
     * @param target the rootfs mount point
     */
    public void unmount(Path target) {
        for (int i = 0; i < 16 && isMounted(target); i++) {
            try {
                Sys.unmount(target, false);
            } catch (IOException e) {
                try {
                    Sys.unmount(target, true);
                } catch (IOException e2) {
                    LOG.warn("cannot unmount {}: {}", target, e2.getMessage());
                    return;
                }
            }
        }
    }

    /**
     * @param target a path
     * @return true if it is a mount point in this process's mount namespace (/proc/self/mountinfo)
     */
    public boolean isMounted(Path target) {
        String want = target.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 4 && unescape(f[4]).equals(want)) {
                    return true;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read /proc/self/mountinfo: {}", e.toString());
        }
        return false;
    }

    /**
     * @param dir a directory
     * @return the mount points strictly below {@code dir} (this process's /proc/self/mountinfo), deepest first,
     *     each once
     */
    public List<Path> mountPointsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        java.util.TreeSet<String> found = new java.util.TreeSet<>(
                java.util.Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 4 && unescape(f[4]).startsWith(prefix)) {
                    found.add(unescape(f[4]));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read /proc/self/mountinfo: {}", e.toString());
        }
        return found.stream().map(Path::of).toList();
    }

    /**
     * @param s a mountinfo field, with octal escapes such as {@code \040} for a space
     * @return the field decoded
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
