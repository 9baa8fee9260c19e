/**
 * Container resource statistics (Docker Engine API 1.41 {@code GET /containers/{id}/stats}): the cgroup
 * readers for v1 ({@link io.berth.monitor.stats.CgroupV1Reader}) and v2
 * ({@link io.berth.monitor.stats.CgroupV2Reader}), chosen at start from what the host mounts
 * ({@link io.berth.monitor.stats.CgroupReaders}), the host's CPU time ({@link io.berth.monitor.stats.HostCpu}),
 * and the {@link io.berth.monitor.stats.StatsSampler} that samples every running container once a second and
 * keeps each one's latest sample with the one before it.
 */
package io.berth.monitor.stats;
