package io.berth.common.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host's cgroup hierarchies as a process sees them, read from the files under a root directory ("/" in
 * production, a fake tree in tests): whether the host runs the unified (v2) hierarchy, and on cgroup v1 where
 * each controller is mounted.
 *
 * <p>v2 is chosen as dockerd's {@code pkg/sysinfo} and runc's {@code cgroups.IsCgroup2UnifiedMode} choose
 * it: {@code sys/fs/cgroup/cgroup.controllers} exists. On a v1 (or hybrid) host each controller's mount
 * point is read from {@code proc/self/mountinfo} (proc(5): "... root mountpoint options [optional...] -
 * fstype source superoptions"; filesystem type "cgroup", the controllers named in the super options, e.g.
 * {@code rw,cpu,cpuacct}); the hybrid layout's empty {@code cgroup2} mount ({@code sys/fs/cgroup/unified})
 * has no controllers and is ignored.
 */
public final class CgroupMounts {
    private final Path root;
    private final boolean unified;
    private final Map<String, Mount> v1;

    /**
     * One v1 hierarchy's mount.
     *
     * @param mountPoint the mount point, under the root directory ({@code <root>/sys/fs/cgroup/memory})
     * @param cgroupRoot the cgroup this mount shows at its mount point ("/" unless a container mounted a
     *     sub-tree)
     */
    public record Mount(Path mountPoint, String cgroupRoot) {
    }

    private CgroupMounts(Path root, boolean unified, Map<String, Mount> v1) {
        this.root = root;
        this.unified = unified;
        this.v1 = Map.copyOf(v1);
    }

    /**
     * Reads the hierarchies once.
     *
     * @param root the directory holding proc and sys ("/" in production)
     * @return what is mounted there now (on v1 without a readable mountinfo: no controllers)
     */
    public static CgroupMounts read(Path root) {
        boolean unified = Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers"));
        return new CgroupMounts(root, unified, unified ? Map.of() : v1Mounts(root));
    }

    /** @return the root directory the paths are under */
    public Path root() {
        return root;
    }

    /** @return true on a unified (v2) hierarchy */
    public boolean unified() {
        return unified;
    }

    /** @return the v2 hierarchy's mount point, {@code <root>/sys/fs/cgroup} */
    public Path unifiedMountPoint() {
        return root.resolve("sys/fs/cgroup");
    }

    /**
     * @param controller a v1 controller name ("memory", "cpuacct", "blkio", "pids", ...)
     * @return its mount point, if mounted (always empty on v2)
     */
    public Optional<Path> v1MountPoint(String controller) {
        return Optional.ofNullable(v1.get(controller)).map(Mount::mountPoint);
    }

    /**
     * @param controller a v1 controller name
     * @return its mount, if mounted (always empty on v2)
     */
    public Optional<Mount> v1Mount(String controller) {
        return Optional.ofNullable(v1.get(controller));
    }

    /**
     * The directory of a cgroup in a hierarchy, as {@code /proc/<pid>/cgroup} names it.
     *
     * @param mountPoint the hierarchy's mount point
     * @param cgroupRoot the cgroup shown at the mount point ("/" normally)
     * @param cgroup the cgroup path from {@code /proc/<pid>/cgroup} ("/berth/<id>")
     * @return the directory holding that cgroup's files
     */
    public static Path cgroupDir(Path mountPoint, String cgroupRoot, String cgroup) {
        String rel = cgroup;
        if (!"/".equals(cgroupRoot) && (rel.equals(cgroupRoot) || rel.startsWith(cgroupRoot + "/"))) {
            rel = rel.substring(cgroupRoot.length());
        }
        rel = relative(rel);
        return rel.isEmpty() ? mountPoint : mountPoint.resolve(rel);
    }

    private static Map<String, Mount> v1Mounts(Path root) {
        Map<String, Mount> mounts = new HashMap<>();
        for (String line : readOrEmpty(root.resolve("proc/self/mountinfo")).split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3 || !right[0].equals("cgroup")) {
                continue;
            }
            Mount mount = new Mount(root.resolve(relative(unescape(left[4]))), unescape(left[3]));
            for (String option : right[2].split(",")) {
                if (!option.equals("rw") && !option.equals("ro") && !option.contains("=")) {
                    mounts.putIfAbsent(option, mount);
                }
            }
        }
        return mounts;
    }

    /**
     * @param absolute a path such as "/sys/fs/cgroup"
     * @return it without leading slashes, to resolve under a root directory
     */
    public static String relative(String absolute) {
        return absolute.replaceFirst("^/+", "");
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * @param file a file
     * @return its UTF-8 text, or "" if it cannot be read
     */
    public static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
