package io.berth.gateway.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures {@link CgroupSupport} the way dockerd's {@code pkg/sysinfo} does, from the files under a root
 * directory ("/" in production, a fake tree in tests).
 *
 * <p>cgroup v1 ({@code sys/fs/cgroup/cgroup.controllers} absent): each controller's mount point is read from
 * {@code proc/self/mountinfo} (filesystem type "cgroup", the controllers named in the super options), a
 * controller is there if it is mounted, and each control is there if its file exists at the root of that
 * mount ({@code memory.memsw.limit_in_bytes}, {@code cpu.cfs_quota_us}, ...).
 *
 * <p>cgroup v2: the controllers are those listed in {@code sys/fs/cgroup/cgroup.controllers}; memory gives
 * MemoryLimit, cpu gives CPUShares and CFS, io gives the blkio controls, cpuset and pids theirs. SwapLimit is
 * {@code memory.swap.max} in this process's own cgroup (the "0::" line of {@code proc/self/cgroup});
 * KernelMemory, KernelMemoryTCP and OomKillDisable do not exist on v2 and are false.
 */
public final class CgroupProbe {
    private final Path root;

    /** @param root the directory holding proc and sys ("/" in production) */
    public CgroupProbe(Path root) {
        this.root = root;
    }

    /** @return true on a unified (v2) hierarchy */
    public boolean unified() {
        return Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers"));
    }

    /** @return what the host's cgroups offer now; all false where nothing can be read */
    public CgroupSupport measure() {
        return unified() ? measureV2() : measureV1();
    }

    private CgroupSupport measureV1() {
        Map<String, Path> mounts = v1Mounts();
        Path memory = mounts.get("memory");
        Path cpu = mounts.get("cpu");
        Path blkio = mounts.get("blkio");
        return new CgroupSupport(
                memory != null,
                has(memory, "memory.memsw.limit_in_bytes"),
                has(memory, "memory.kmem.limit_in_bytes"),
                has(memory, "memory.kmem.tcp.limit_in_bytes"),
                has(memory, "memory.oom_control"),
                has(cpu, "cpu.cfs_quota_us"),
                has(cpu, "cpu.shares"),
                mounts.containsKey("cpuset"),
                mounts.containsKey("pids"),
                has(blkio, "blkio.weight"),
                has(blkio, "blkio.weight_device"),
                has(blkio, "blkio.throttle.read_bps_device"),
                has(blkio, "blkio.throttle.write_bps_device"),
                has(blkio, "blkio.throttle.read_iops_device"),
                has(blkio, "blkio.throttle.write_iops_device"));
    }

    private CgroupSupport measureV2() {
        Set<String> controllers = new HashSet<>(List.of(
                read("sys/fs/cgroup/cgroup.controllers").trim().split("\\s+")));
        boolean memory = controllers.contains("memory");
        boolean cpu = controllers.contains("cpu");
        boolean io = controllers.contains("io");
        return new CgroupSupport(memory, memory && swapLimitV2(), false, false, false, cpu, cpu,
                controllers.contains("cpuset"), controllers.contains("pids"), io, io, io, io, io, io);
    }

    private boolean swapLimitV2() {
        for (String line : read("proc/self/cgroup").split("\n")) {
            if (line.startsWith("0::")) {
                String group = line.substring(3).trim();
                if (group.isEmpty()) {
                    return false;
                }
                return Files.exists(root.resolve("sys/fs/cgroup").resolve(relative(group)).resolve("memory.swap.max"));
            }
        }
        return false;
    }

    /**
     * The v1 controllers' mount points from mountinfo (proc(5): "... mountpoint options [optional...] -
     * fstype source superoptions").
     */
    private Map<String, Path> v1Mounts() {
        Map<String, Path> mounts = new HashMap<>();
        for (String line : read("proc/self/mountinfo").split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3 || !right[0].equals("cgroup")) {
                continue;
            }
            Path mountPoint = root.resolve(relative(unescape(left[4])));
            for (String option : right[2].split(",")) {
                if (!option.equals("rw") && !option.equals("ro") && !option.contains("=")) {
                    mounts.putIfAbsent(option, mountPoint);
                }
            }
        }
        return mounts;
    }

    private static boolean has(Path mountPoint, String file) {
        return mountPoint != null && Files.exists(mountPoint.resolve(file));
    }

    private static String relative(String absolute) {
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

    private String read(String relativePath) {
        try {
            return Files.readString(root.resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
