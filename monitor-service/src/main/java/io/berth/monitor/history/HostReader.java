package io.berth.monitor.history;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.monitor.stats.MachineMemory;
import io.berth.monitor.stats.NetDev;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the host's cumulative counters for the page and cAdvisor's machine view: CPU ticks from the first
 * line of {@code /proc/stat} (busy = all but idle and iowait), memory from {@code /proc/meminfo}
 * (used = MemTotal - MemAvailable, as {@code free}), network bytes from {@code /proc/net/dev} (every
 * interface but lo), disk bytes from {@code /proc/diskstats} (sectors × 512 of the whole disks listed in
 * {@code /sys/block}, loop and ram devices left out) and the filesystem of the data root.
 */
public final class HostReader {
    private final Path root;
    private final Path dataRoot;

    /**
     * Cumulative host counters at one moment.
     *
     * @param cpuBusyTicks USER_HZ ticks not idle
     * @param cpuTotalTicks USER_HZ ticks in all states
     * @param cores the number of {@code cpuN} lines
     * @param memoryTotal MemTotal in bytes
     * @param memoryUsed MemTotal - MemAvailable in bytes
     * @param netRxBytes bytes received on every interface but lo
     * @param netTxBytes bytes sent on every interface but lo
     * @param diskReadBytes bytes read from the whole disks
     * @param diskWriteBytes bytes written to the whole disks
     * @param fsCapacity the size of the data root's filesystem in bytes
     * @param fsAvailable bytes available there to unprivileged users
     */
    public record Counters(long cpuBusyTicks, long cpuTotalTicks, int cores, long memoryTotal, long memoryUsed,
                           long netRxBytes, long netTxBytes, long diskReadBytes, long diskWriteBytes,
                           long fsCapacity, long fsAvailable) {
    }

    /**
     * @param root the directory holding proc and sys ("/" in production)
     * @param dataRoot berth's data root (whose filesystem is "disk")
     */
    public HostReader(Path root, Path dataRoot) {
        this.root = root;
        this.dataRoot = dataRoot;
    }

    /** @return the counters now; a file that cannot be read gives zeros for its part */
    public Counters read() {
        long busy = 0;
        long total = 0;
        int cores = 0;
        for (String line : CgroupMounts.readOrEmpty(root.resolve("proc/stat")).split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i != 4 && i != 5) {
                        busy += v;
                    }
                }
            } else if (line.startsWith("cpu")) {
                cores++;
            }
        }
        long memTotal = MachineMemory.read(root);
        long available = meminfo("MemAvailable:");
        long rx = 0;
        long tx = 0;
        for (NetDev d : NetDev.read(root.resolve("proc/net/dev"))) {
            if (!d.isLoopback()) {
                rx += d.rxBytes();
                tx += d.txBytes();
            }
        }
        long[] disk = diskBytes();
        long capacity = 0;
        long free = 0;
        try {
            FileStore store = Files.getFileStore(dataRoot);
            capacity = store.getTotalSpace();
            free = store.getUsableSpace();
        } catch (IOException | RuntimeException e) {
            // no data root yet
        }
        return new Counters(busy, total, cores, memTotal, Math.max(0, memTotal - available), rx, tx, disk[0],
                disk[1], capacity, free);
    }

    private long meminfo(String key) {
        for (String line : CgroupMounts.readOrEmpty(root.resolve("proc/meminfo")).split("\n")) {
            if (line.startsWith(key)) {
                try {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private long[] diskBytes() {
        Set<String> disks = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve("sys/block"))) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (!n.startsWith("loop") && !n.startsWith("ram")) {
                    disks.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        long read = 0;
        long write = 0;
        for (String line : CgroupMounts.readOrEmpty(root.resolve("proc/diskstats")).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && disks.contains(f[2])) {
                try {
                    read += Long.parseLong(f[5]) * 512;
                    write += Long.parseLong(f[9]) * 512;
                } catch (NumberFormatException e) {
                    // not a disk line
                }
            }
        }
        return new long[] {read, write};
    }
}
