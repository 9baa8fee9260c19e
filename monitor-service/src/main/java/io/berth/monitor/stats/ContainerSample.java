package io.berth.monitor.stats;

import io.berth.proto.monitor.v1.ContainerStats;
import java.util.List;

/**
 * A sampled container: what the engine says about it, its latest cgroup sample (with the previous one as
 * "pre") and the interfaces of its network namespace, all read in one sampler tick.
 *
 * @param container the engine's view (ID, name, image, times, limit)
 * @param stats the latest sample, as {@code docker stats} gets it
 * @param networks the interfaces of its network namespace (loopback included)
 * @param cgroup its cgroup path ({@code /berth/<id>}), cAdvisor's container name; "" if unknown
 */
public record ContainerSample(RunningContainers.Running container, ContainerStats stats, List<NetDev> networks,
                              String cgroup) {
}
