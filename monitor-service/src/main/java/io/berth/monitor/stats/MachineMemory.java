package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;

/**
 * The machine's memory as dockerd measures it ({@code MemTotal} of {@code /proc/meminfo}, in bytes), which
 * caps a container's reported memory limit (moby daemon_unix.go: "if the container does not set memory
 * limit, use the machineMemory").
 */
public final class MachineMemory {
    private MachineMemory() {
    }

    /**
     * @param root the directory holding proc ("/" in production)
     * @return MemTotal in bytes, 0 if unreadable
     */
    public static long read(Path root) {
        for (String line : CgroupMounts.readOrEmpty(root.resolve("proc/meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(f[0]) * 1024;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * @param limit a cgroup's limit (unsigned; {@link CgroupFiles#MAX} for none)
     * @param machineMemory the machine's memory, 0 if unknown
     * @return the limit, or the machine's memory if that is smaller
     */
    static long cap(long limit, long machineMemory) {
        return machineMemory > 0 && Long.compareUnsigned(limit, machineMemory) > 0 ? machineMemory : limit;
    }
}
