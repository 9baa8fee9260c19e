package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;

/**
 * The host's CPU time as dockerd 20.10's stats collector reads it (moby daemon/stats/collector_unix.go
 * {@code getSystemCPUUsage}): the first line of {@code /proc/stat}, its first seven fields (user, nice,
 * system, idle, iowait, irq, softirq) summed and turned from USER_HZ ticks into nanoseconds, and the online
 * CPUs as the number of {@code cpuN} lines. The docker CLI's CPU % is
 * {@code (cpu delta / system delta) * online_cpus * 100}, so this must be the same clock dockerd uses.
 */
public final class HostCpu {
    private final Path stat;

    /**
     * The host's usage at one moment.
     *
     * @param systemUsage all CPUs' time in nanoseconds
     * @param onlineCpus the number of CPUs
     */
    public record Usage(long systemUsage, int onlineCpus) {
    }

    /** @param root the directory holding proc ("/" in production) */
    public HostCpu(Path root) {
        this.stat = root.resolve("proc/stat");
    }

    /** @return the current usage; zeros if {@code /proc/stat} cannot be read */
    public Usage read() {
        long ticks = 0;
        int cpus = 0;
        for (String line : CgroupMounts.readOrEmpty(stat).split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < 8 && i < f.length; i++) {
                    ticks += Long.parseLong(f[i]);
                }
            } else if (line.startsWith("cpu")) {
                cpus++;
            }
        }
        return new Usage(ticks * (1_000_000_000L / CgroupV1Reader.CLOCK_TICKS), cpus);
    }
}
