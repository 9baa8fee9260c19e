package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;

/** Chooses the cgroup reader for the host at start: v2 if the unified hierarchy is mounted, else v1. */
public final class CgroupReaders {
    private CgroupReaders() {
    }

    /**
     * @param root the directory holding proc and sys ("/" in production)
     * @return {@link CgroupV2Reader} on a unified host, {@link CgroupV1Reader} otherwise
     */
    public static CgroupReader forHost(Path root) {
        CgroupMounts mounts = CgroupMounts.read(root);
        long memory = MachineMemory.read(root);
        return mounts.unified() ? new CgroupV2Reader(mounts, memory) : new CgroupV1Reader(mounts, memory);
    }
}
