package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.BlkioStats;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.MemoryStats;
import io.berth.proto.monitor.v1.PidsStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * cgroup v1 counters, as containerd's cgroups v1 collects them and dockerd 20.10 maps them (moby
 * daemon/daemon_unix.go {@code stats}):
 * <ul>
 *   <li>cpu: {@code cpuacct.usage} (ns), {@code cpuacct.usage_percpu}, {@code cpuacct.stat} user/system in
 *       USER_HZ ticks (100 a second) turned into ns, {@code cpu.stat} nr_periods/nr_throttled/throttled_time;</li>
 *   <li>memory: {@code memory.usage_in_bytes}, {@code max_usage_in_bytes}, {@code failcnt},
 *       {@code limit_in_bytes} (at most the machine's memory) and the 32 {@code memory.stat} keys dockerd
 *       copies (cache, rss, ..., total_unevictable; absent ones are 0);</li>
 *   <li>blkio: the CFQ files ({@code blkio.io_service_bytes_recursive}, ...) when they exist and hold entries,
 *       else {@code blkio.throttle.io_service_bytes} and {@code blkio.throttle.io_serviced} (mq-deadline
 *       disks, as on this machine); the "Total" line is skipped. The throttle counters only count once a
 *       throttle rule exists on the device: the engine adds a no-op one (engine-service's
 *       {@code runtime/BlockIoAccounting});</li>
 *   <li>pids: {@code pids.current}, {@code pids.max} ("max" is 0).</li>
 * </ul>
 */
public final class CgroupV1Reader implements CgroupReader {
    /** The memory.stat keys dockerd 20.10 copies into memory_stats.stats, in its order. */
    static final List<String> MEMORY_STAT_KEYS = List.of("cache", "rss", "rss_huge", "mapped_file", "dirty",
            "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable", "hierarchical_memory_limit", "hierarchical_memsw_limit",
            "total_cache", "total_rss", "total_rss_huge", "total_mapped_file", "total_dirty", "total_writeback",
            "total_pgpgin", "total_pgpgout", "total_pgfault", "total_pgmajfault", "total_inactive_anon",
            "total_active_anon", "total_inactive_file", "total_active_file", "total_unevictable");

    /** USER_HZ: the unit of cpuacct.stat (sysconf(_SC_CLK_TCK), 100 on Linux). */
    static final long CLOCK_TICKS = 100;

    private final CgroupMounts mounts;
    private final long machineMemory;

    /**
     * @param mounts the host's v1 hierarchies
     * @param machineMemory the machine's memory in bytes (caps the limit; 0 for no cap)
     */
    public CgroupV1Reader(CgroupMounts mounts, long machineMemory) {
        this.mounts = mounts;
        this.machineMemory = machineMemory;
    }

    @Override
    public Optional<ContainerStats> read(int pid) {
        Map<String, String> cgroups = ProcessCgroups.of(mounts.root(), pid);
        if (cgroups.isEmpty()) {
            return Optional.empty();
        }
        Path cpuacct = dir(cgroups, "cpuacct");
        if (!CgroupFiles.exists(cpuacct)) {
            return Optional.empty();
        }
        ContainerStats.Builder b = ContainerStats.newBuilder().setRunning(true);
        b.setCpu(cpu(cpuacct, dir(cgroups, "cpu")));
        Path memory = dir(cgroups, "memory");
        if (CgroupFiles.exists(memory)) {
            b.setMemory(memory(memory));
        }
        Path blkio = dir(cgroups, "blkio");
        if (CgroupFiles.exists(blkio)) {
            b.setBlkio(blkio(blkio));
        }
        Path pids = dir(cgroups, "pids");
        if (CgroupFiles.exists(pids)) {
            long max = CgroupFiles.valueOrZero(pids, "pids.max");
            b.setPids(PidsStats.newBuilder().setCurrent(CgroupFiles.valueOrZero(pids, "pids.current"))
                    .setLimit(max == CgroupFiles.MAX ? 0 : max));
        }
        return Optional.of(b.build());
    }

    private Path dir(Map<String, String> cgroups, String controller) {
        String path = cgroups.get(controller);
        return path == null ? null : mounts.v1Mount(controller)
                .map(m -> CgroupMounts.cgroupDir(m.mountPoint(), m.cgroupRoot(), path)).orElse(null);
    }

    private static CpuStats cpu(Path cpuacct, Path cpu) {
        CpuStats.Builder c = CpuStats.newBuilder().setTotalUsage(CgroupFiles.valueOrZero(cpuacct, "cpuacct.usage"));
        for (String v : CgroupMounts.readOrEmpty(cpuacct.resolve("cpuacct.usage_percpu")).trim().split("\\s+")) {
            if (!v.isEmpty()) {
                c.addPercpuUsage(Long.parseUnsignedLong(v));
            }
        }
        Map<String, Long> stat = CgroupFiles.keyed(cpuacct, "cpuacct.stat");
        long nsPerTick = 1_000_000_000L / CLOCK_TICKS;
        c.setUsageInUsermode(stat.getOrDefault("user", 0L) * nsPerTick);
        c.setUsageInKernelmode(stat.getOrDefault("system", 0L) * nsPerTick);
        if (CgroupFiles.exists(cpu)) {
            Map<String, Long> t = CgroupFiles.keyed(cpu, "cpu.stat");
            c.setPeriods(t.getOrDefault("nr_periods", 0L)).setThrottledPeriods(t.getOrDefault("nr_throttled", 0L))
                    .setThrottledTime(t.getOrDefault("throttled_time", 0L));
        }
        return c.build();
    }

    private MemoryStats memory(Path memory) {
        Map<String, Long> stat = CgroupFiles.keyed(memory, "memory.stat");
        MemoryStats.Builder m = MemoryStats.newBuilder()
                .setUsage(CgroupFiles.valueOrZero(memory, "memory.usage_in_bytes"))
                .setMaxUsage(CgroupFiles.valueOrZero(memory, "memory.max_usage_in_bytes"))
                .setFailcnt(CgroupFiles.valueOrZero(memory, "memory.failcnt"))
                .setLimit(MachineMemory.cap(CgroupFiles.valueOrZero(memory, "memory.limit_in_bytes"), machineMemory));
        for (String key : MEMORY_STAT_KEYS) {
            m.putStats(key, stat.getOrDefault(key, 0L));
        }
        return m.build();
    }

    private static BlkioStats blkio(Path blkio) {
        BlkioStats.Builder b = BlkioStats.newBuilder();
        if (!Files.exists(blkio.resolve("blkio.io_serviced_recursive"))) {
            return throttle(blkio);
        }
        int size = 0;
        size += entries(blkio, "blkio.sectors_recursive", b::addSectorsRecursive);
        size += entries(blkio, "blkio.io_service_bytes_recursive", b::addIoServiceBytesRecursive);
        size += entries(blkio, "blkio.io_serviced_recursive", b::addIoServicedRecursive);
        size += entries(blkio, "blkio.io_queued_recursive", b::addIoQueueRecursive);
        size += entries(blkio, "blkio.io_service_time_recursive", b::addIoServiceTimeRecursive);
        size += entries(blkio, "blkio.io_wait_time_recursive", b::addIoWaitTimeRecursive);
        size += entries(blkio, "blkio.io_merged_recursive", b::addIoMergedRecursive);
        size += entries(blkio, "blkio.time_recursive", b::addIoTimeRecursive);
        return size > 0 ? b.build() : throttle(blkio);
    }

    private static BlkioStats throttle(Path blkio) {
        BlkioStats.Builder b = BlkioStats.newBuilder();
        entries(blkio, "blkio.throttle.io_serviced", b::addIoServicedRecursive);
        entries(blkio, "blkio.throttle.io_service_bytes", b::addIoServiceBytesRecursive);
        return b.build();
    }

    /**
     * Parses "major:minor [op] value" lines (the "Total N" line skipped), as containerd's blkio reader splits
     * them on spaces and colons.
     *
     * @return the number of entries
     */
    private static int entries(Path dir, String file, Consumer<BlkioEntry> sink) {
        List<BlkioEntry> out = new ArrayList<>();
        for (String line : CgroupMounts.readOrEmpty(dir.resolve(file)).split("\n")) {
            String[] f = line.trim().split("[ :]+");
            if (f.length < 3) {
                continue;
            }
            try {
                BlkioEntry.Builder e = BlkioEntry.newBuilder().setMajor(Long.parseUnsignedLong(f[0]))
                        .setMinor(Long.parseUnsignedLong(f[1]));
                if (f.length == 4) {
                    e.setOp(f[2]).setValue(Long.parseUnsignedLong(f[3]));
                } else {
                    e.setValue(Long.parseUnsignedLong(f[2]));
                }
                out.add(e.build());
            } catch (NumberFormatException ex) {
                // not an entry line
            }
        }
        out.forEach(sink);
        return out.size();
    }
}
