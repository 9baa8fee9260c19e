package io.berth.common.cgroup;

/**
 * Which cgroup resource controls the host offers, as dockerd's {@code pkg/sysinfo} measures them and Docker
 * Engine API 1.41 {@code GET /info} reports them (MemoryLimit, SwapLimit, ...), plus the blkio controls
 * dockerd only warns about, and the controls dockerd checks before a create (CpuRealtime, MemoryReservation,
 * MemorySwappiness). Measured by {@link CgroupProbe}.
 *
 * @param memoryLimit the memory controller is there
 * @param swapLimit v1: {@code memory.memsw.limit_in_bytes}; v2: {@code memory.swap.max} in this process's cgroup
 * @param kernelMemory v1: {@code memory.kmem.limit_in_bytes} (always false on v2)
 * @param kernelMemoryTcp v1: {@code memory.kmem.tcp.limit_in_bytes} (always false on v2)
 * @param oomKillDisable v1: {@code memory.oom_control} (always false on v2)
 * @param cpuCfs v1: {@code cpu.cfs_quota_us}; v2: the cpu controller (CpuCfsPeriod and CpuCfsQuota)
 * @param cpuShares v1: {@code cpu.shares}; v2: the cpu controller
 * @param cpuSet the cpuset controller is there
 * @param pidsLimit the pids controller is there
 * @param blkioWeight v1: {@code blkio.weight}; v2: the io controller
 * @param blkioWeightDevice v1: {@code blkio.weight_device}; v2: the io controller
 * @param blkioReadBpsDevice v1: {@code blkio.throttle.read_bps_device}; v2: the io controller
 * @param blkioWriteBpsDevice v1: {@code blkio.throttle.write_bps_device}; v2: the io controller
 * @param blkioReadIOpsDevice v1: {@code blkio.throttle.read_iops_device}; v2: the io controller
 * @param blkioWriteIOpsDevice v1: {@code blkio.throttle.write_iops_device}; v2: the io controller
 * @param cpuRealtime v1: {@code cpu.rt_period_us} and {@code cpu.rt_runtime_us} (always false on v2, as dockerd)
 * @param memoryReservation v1: {@code memory.soft_limit_in_bytes}; v2: the memory controller ({@code memory.low})
 * @param memorySwappiness v1: {@code memory.swappiness} (always false on v2)
 */
public record CgroupSupport(boolean memoryLimit, boolean swapLimit, boolean kernelMemory, boolean kernelMemoryTcp,
                            boolean oomKillDisable, boolean cpuCfs, boolean cpuShares, boolean cpuSet,
                            boolean pidsLimit, boolean blkioWeight, boolean blkioWeightDevice,
                            boolean blkioReadBpsDevice, boolean blkioWriteBpsDevice, boolean blkioReadIOpsDevice,
                            boolean blkioWriteIOpsDevice, boolean cpuRealtime,
                            boolean memoryReservation, boolean memorySwappiness) {
}
