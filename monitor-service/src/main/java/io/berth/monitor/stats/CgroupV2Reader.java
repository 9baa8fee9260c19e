package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.BlkioStats;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.MemoryStats;
import io.berth.proto.monitor.v1.PidsStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cgroup v2 counters, as containerd's cgroups v2 collects them and dockerd 20.10 maps them (moby
 * daemon/daemon_unix.go {@code statsV2}), all from the container's one directory:
 * <ul>
 *   <li>cpu: {@code cpu.stat} usage_usec, user_usec, system_usec, nr_periods, nr_throttled, throttled_usec
 *       (microseconds turned into ns); no per-CPU usage on v2;</li>
 *   <li>memory: {@code memory.current} as usage, {@code memory.max} as limit ("max", or more than the
 *       machine's memory, is the machine's memory), the 31 {@code memory.stat} keys dockerd copies (anon, file,
 *       ..., inactive_file, ...); no max_usage or failcnt on v2;</li>
 *   <li>blkio: {@code io.stat} as io_service_bytes_recursive, a "read" (rbytes) and a "write" (wbytes) entry
 *       per device; the other lists are null;</li>
 *   <li>pids: {@code pids.current}, {@code pids.max} ("max" is 0).</li>
 * </ul>
 */
public final class CgroupV2Reader implements CgroupReader {
    /** The memory.stat keys dockerd 20.10's statsV2 copies, in its order. */
    static final List<String> MEMORY_STAT_KEYS = List.of("anon", "file", "kernel_stack", "slab", "sock", "shmem",
            "file_mapped", "file_dirty", "file_writeback", "anon_thp", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable", "slab_reclaimable", "slab_unreclaimable", "pgfault",
            "pgmajfault", "workingset_refault", "workingset_activate", "workingset_nodereclaim", "pgrefill",
            "pgscan", "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree", "pglazyfreed", "thp_fault_alloc",
            "thp_collapse_alloc");

    private final CgroupMounts mounts;
    private final long machineMemory;

    /**
     * @param mounts the host's unified hierarchy
     * @param machineMemory the machine's memory in bytes (the limit when there is none; 0 for no cap)
     */
    public CgroupV2Reader(CgroupMounts mounts, long machineMemory) {
        this.mounts = mounts;
        this.machineMemory = machineMemory;
    }

    @Override
    public Optional<ContainerStats> read(int pid) {
        String cgroup = ProcessCgroups.of(mounts.root(), pid).get(ProcessCgroups.UNIFIED);
        if (cgroup == null) {
            return Optional.empty();
        }
        Path dir = CgroupMounts.cgroupDir(mounts.unifiedMountPoint(), "/", cgroup);
        if (!CgroupFiles.exists(dir)) {
            return Optional.empty();
        }
        ContainerStats.Builder b = ContainerStats.newBuilder().setRunning(true);
        Map<String, Long> cpu = CgroupFiles.keyed(dir, "cpu.stat");
        b.setCpu(CpuStats.newBuilder()
                .setTotalUsage(cpu.getOrDefault("usage_usec", 0L) * 1000)
                .setUsageInKernelmode(cpu.getOrDefault("system_usec", 0L) * 1000)
                .setUsageInUsermode(cpu.getOrDefault("user_usec", 0L) * 1000)
                .setPeriods(cpu.getOrDefault("nr_periods", 0L))
                .setThrottledPeriods(cpu.getOrDefault("nr_throttled", 0L))
                .setThrottledTime(cpu.getOrDefault("throttled_usec", 0L) * 1000));
        if (CgroupFiles.value(dir, "memory.current").isPresent()) {
            Map<String, Long> stat = CgroupFiles.keyed(dir, "memory.stat");
            MemoryStats.Builder m = MemoryStats.newBuilder()
                    .setUsage(CgroupFiles.valueOrZero(dir, "memory.current"))
                    .setLimit(MachineMemory.cap(CgroupFiles.value(dir, "memory.max").orElse(CgroupFiles.MAX),
                            machineMemory));
            for (String key : MEMORY_STAT_KEYS) {
                m.putStats(key, stat.getOrDefault(key, 0L));
            }
            b.setMemory(m);
        }
        b.setBlkio(io(dir));
        if (CgroupFiles.value(dir, "pids.current").isPresent()) {
            long max = CgroupFiles.valueOrZero(dir, "pids.max");
            b.setPids(PidsStats.newBuilder().setCurrent(CgroupFiles.valueOrZero(dir, "pids.current"))
                    .setLimit(max == CgroupFiles.MAX ? 0 : max));
        }
        return Optional.of(b.build());
    }

    /** io.stat: "major:minor rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N" per device. */
    private static BlkioStats io(Path dir) {
        BlkioStats.Builder b = BlkioStats.newBuilder();
        for (String line : CgroupMounts.readOrEmpty(dir.resolve("io.stat")).split("\n")) {
            String[] f = line.trim().split("\\s+");
            String[] dev = f[0].split(":");
            if (f.length < 2 || dev.length != 2) {
                continue;
            }
            long rbytes = 0;
            long wbytes = 0;
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                if (kv.length == 2 && kv[0].equals("rbytes")) {
                    rbytes = Long.parseUnsignedLong(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("wbytes")) {
                    wbytes = Long.parseUnsignedLong(kv[1]);
                }
            }
            long major = Long.parseUnsignedLong(dev[0]);
            long minor = Long.parseUnsignedLong(dev[1]);
            b.addIoServiceBytesRecursive(BlkioEntry.newBuilder().setMajor(major).setMinor(minor).setOp("read")
                    .setValue(rbytes));
            b.addIoServiceBytesRecursive(BlkioEntry.newBuilder().setMajor(major).setMinor(minor).setOp("write")
                    .setValue(wbytes));
        }
        return b.build();
    }
}
