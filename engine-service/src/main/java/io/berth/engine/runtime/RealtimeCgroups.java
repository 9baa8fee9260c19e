package io.berth.engine.runtime;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.common.errors.InternalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives a container's parent cgroups the real-time CPU budget its {@code CpuRealtimeRuntime} needs (cgroup v1
 * {@code cpu.rt_runtime_us}): the kernel refuses a child a larger budget than its parent's, and a new cgroup
 * starts with 0, so runc alone fails with EINVAL. dockerd needs its daemon flag {@code --cpu-rt-runtime} for
 * this (moby daemon_unix.go {@code initCgroupsPath}); berth raises each ancestor below the root, from the top,
 * to at least the container's runtime when the container asks for one. Budgets are never lowered.
 */
public final class RealtimeCgroups {
    private RealtimeCgroups() {
    }

    /**
     * @param cgroupsPath the container's {@code linux.cgroupsPath} ("/parent/id")
     * @param runtimeMicros its CpuRealtimeRuntime in microseconds (0: nothing to do)
     * @param periodMicros its CpuRealtimePeriod in microseconds (0: its parent's); the kernel compares
     *     runtime/period ratios, so each ancestor gets runtime × its own period / this period
     * @throws InternalException if a budget cannot be written
     */
    public static void prepare(String cgroupsPath, long runtimeMicros, long periodMicros) {
        if (runtimeMicros <= 0) {
            return;
        }
        Optional<Path> cpu = CgroupMounts.read(Path.of("/")).v1MountPoint("cpu");
        if (cpu.isEmpty()) {
            return;
        }
        Path parent = Path.of(cgroupsPath).getParent();
        Path dir = cpu.get();
        for (int i = 0; parent != null && i < parent.getNameCount(); i++) {
            dir = dir.resolve(parent.getName(i).toString());
            Path file = dir.resolve("cpu.rt_runtime_us");
            try {
                Files.createDirectories(dir);
                long current = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
                long period = Long.parseLong(Files.readString(dir.resolve("cpu.rt_period_us"),
                        StandardCharsets.US_ASCII).trim());
                long need = periodMicros > 0 ? (runtimeMicros * period + periodMicros - 1) / periodMicros
                        : runtimeMicros;
                if (current >= 0 && current < need) {
                    Files.writeString(file, Long.toString(need), StandardCharsets.US_ASCII);
                }
            } catch (IOException | NumberFormatException e) {
                throw new InternalException("cannot give " + dir + " a real-time budget of " + runtimeMicros
                        + " µs: " + e.getMessage(), e);
            }
        }
    }
}
