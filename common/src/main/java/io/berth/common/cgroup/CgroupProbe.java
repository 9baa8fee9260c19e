package io.berth.common.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures {@link CgroupSupport} the way dockerd's {@code pkg/sysinfo} does, from the files under a root
 * directory ("/" in production, a fake tree in tests).
 *
 * <p>Which hierarchy and where its controllers are mounted comes from common's
 * {@link CgroupMounts} (shared with monitor-service's stats). cgroup v1: a
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
        return CgroupMounts.read(root).unified();
    }

    /** @return what the host's cgroups offer now; all false where nothing can be read */
    public CgroupSupport measure() {
        CgroupMounts mounts = CgroupMounts.read(root);
        return mounts.unified() ? measureV2() : measureV1(mounts);
    }

    private CgroupSupport measureV1(CgroupMounts mounts) {
        Path memory = mounts.v1MountPoint("memory").orElse(null);
        Path cpu = mounts.v1MountPoint("cpu").orElse(null);
        Path blkio = mounts.v1MountPoint("blkio").orElse(null);
        return new CgroupSupport(
                memory != null,
                has(memory, "memory.memsw.limit_in_bytes"),
                has(memory, "memory.kmem.limit_in_bytes"),
                has(memory, "memory.kmem.tcp.limit_in_bytes"),
                has(memory, "memory.oom_control"),
                has(cpu, "cpu.cfs_quota_us"),
                has(cpu, "cpu.shares"),
                mounts.v1MountPoint("cpuset").isPresent(),
                mounts.v1MountPoint("pids").isPresent(),
                has(blkio, "blkio.weight"),
                has(blkio, "blkio.weight_device"),
                has(blkio, "blkio.throttle.read_bps_device"),
                has(blkio, "blkio.throttle.write_bps_device"),
                has(blkio, "blkio.throttle.read_iops_device"),
                has(blkio, "blkio.throttle.write_iops_device"),
                has(cpu, "cpu.rt_period_us") && has(cpu, "cpu.rt_runtime_us"),
                has(memory, "memory.soft_limit_in_bytes"),
                has(memory, "memory.swappiness"));
    }

    private CgroupSupport measureV2() {
        Set<String> controllers = new HashSet<>(List.of(
                read("sys/fs/cgroup/cgroup.controllers").trim().split("\\s+")));
        boolean memory = controllers.contains("memory");
        boolean cpu = controllers.contains("cpu");
        boolean io = controllers.contains("io");
        return new CgroupSupport(memory, memory && swapLimitV2(), false, false, false, cpu, cpu,
                controllers.contains("cpuset"), controllers.contains("pids"), io, io, io, io, io, io, false, memory, false);
    }

    private boolean swapLimitV2() {
        for (String line : read("proc/self/cgroup").split("\n")) {
            if (line.startsWith("0::")) {
                String group = line.substring(3).trim();
                if (group.isEmpty()) {
                    return false;
                }
                return Files.exists(root.resolve("sys/fs/cgroup").resolve(CgroupMounts.relative(group)).resolve("memory.swap.max"));
            }
        }
        return false;
    }

    private static boolean has(Path mountPoint, String file) {
        return mountPoint != null && Files.exists(mountPoint.resolve(file));
    }

    private String read(String relativePath) {
        return CgroupMounts.readOrEmpty(root.resolve(relativePath));
    }
}
