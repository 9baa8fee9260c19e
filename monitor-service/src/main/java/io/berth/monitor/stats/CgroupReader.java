package io.berth.monitor.stats;

import io.berth.proto.monitor.v1.ContainerStats;
import java.util.Optional;

/**
 * Reads one container's cgroup counters, found from its init process's {@code /proc/<pid>/cgroup}.
 * Implemented for cgroup v1 ({@link CgroupV1Reader}) and v2 ({@link CgroupV2Reader}).
 */
public interface CgroupReader {
    /**
     * @param pid the container's init process (host pid namespace)
     * @return running=true with cpu (without the host's system usage), memory, blkio and pids filled as dockerd
     *     20.10 fills them from containerd's metrics; empty if the process or its cgroup is gone
     */
    Optional<ContainerStats> read(int pid);
}
