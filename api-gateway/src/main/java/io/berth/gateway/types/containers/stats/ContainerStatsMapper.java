package io.berth.gateway.types.containers.stats;

import io.berth.common.time.DockerTime;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.MemoryStats;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the monitor's {@link ContainerStats} (berth.monitor.v1) to {@link ContainerStatsJson}, adding the
 * container's name and ID as dockerd does ({@code daemon/stats.go}). A sample with running=false becomes
 * dockerd's zero-valued object: Go's zero times, empty pids and memory stats, null blkio lists, zero CPU
 * counters, only name and id set.
 */
public final class ContainerStatsMapper {
    private ContainerStatsMapper() {
    }

    /**
     * @param s the monitor's sample (running=false for a container that is not running)
     * @param name the container's name with its leading slash ("/web")
     * @param id the full container ID
     * @return the API body
     */
    public static ContainerStatsJson of(ContainerStats s, String name, String id) {
        if (!s.getRunning()) {
            return zero(name, id);
        }
        return new ContainerStatsJson(
                s.hasRead() ? DockerTime.rfc3339Nano(s.getRead()) : DockerTime.ZERO,
                s.hasPreread() ? DockerTime.rfc3339Nano(s.getPreread()) : DockerTime.ZERO,
                new ContainerStatsJson.PidsStats(omitZero(s.getPids().getCurrent()), omitZero(s.getPids().getLimit())),
                blkio(s),
                0,
                Map.of(),
                cpu(s.getCpu()),
                cpu(s.getPrecpu()),
                memory(s.getMemory()),
                name, id, networks(s));
    }

    /** @return "networks": interface name → counters in the sample's order; null (left out) when it has none */
    private static Map<String, ContainerStatsJson.NetworkStats> networks(ContainerStats s) {
        if (s.getNetworksCount() == 0) {
            return null;
        }
        Map<String, ContainerStatsJson.NetworkStats> out = new java.util.LinkedHashMap<>();
        for (var n : s.getNetworksList()) {
            out.put(n.getName(), new ContainerStatsJson.NetworkStats(n.getRxBytes(), n.getRxPackets(), n.getRxErrors(),
                    n.getRxDropped(), n.getTxBytes(), n.getTxPackets(), n.getTxErrors(), n.getTxDropped()));
        }
        return out;
    }

    /**
     * @param name the container's name with its leading slash
     * @param id the full container ID
     * @return dockerd's object for a container that is not running ({@code types.StatsJSON{Name, ID}})
     */
    public static ContainerStatsJson zero(String name, String id) {
        return of(ContainerStats.newBuilder().setRunning(true).build(), name, id);
    }

    private static ContainerStatsJson.BlkioStats blkio(ContainerStats s) {
        var b = s.getBlkio();
        return new ContainerStatsJson.BlkioStats(entries(b.getIoServiceBytesRecursiveList()),
                entries(b.getIoServicedRecursiveList()), entries(b.getIoQueueRecursiveList()),
                entries(b.getIoServiceTimeRecursiveList()), entries(b.getIoWaitTimeRecursiveList()),
                entries(b.getIoMergedRecursiveList()), entries(b.getIoTimeRecursiveList()),
                entries(b.getSectorsRecursiveList()));
    }

    private static List<ContainerStatsJson.BlkioStatEntry> entries(List<BlkioEntry> list) {
        return list.isEmpty() ? null : list.stream()
                .map(e -> new ContainerStatsJson.BlkioStatEntry(e.getMajor(), e.getMinor(), e.getOp(), e.getValue()))
                .toList();
    }

    private static ContainerStatsJson.CpuStats cpu(CpuStats c) {
        return new ContainerStatsJson.CpuStats(
                new ContainerStatsJson.CpuUsage(c.getTotalUsage(), List.copyOf(c.getPercpuUsageList()),
                        c.getUsageInKernelmode(), c.getUsageInUsermode()),
                omitZero(c.getSystemCpuUsage()),
                c.getOnlineCpus() == 0 ? null : c.getOnlineCpus(),
                new ContainerStatsJson.ThrottlingData(c.getPeriods(), c.getThrottledPeriods(), c.getThrottledTime()));
    }

    private static ContainerStatsJson.MemoryStats memory(MemoryStats m) {
        Map<String, BigInteger> stats = new TreeMap<>();
        m.getStatsMap().forEach((k, v) -> stats.put(k, unsigned(v)));
        return new ContainerStatsJson.MemoryStats(omitZero(m.getUsage()), omitZero(m.getMaxUsage()), stats,
                omitZero(m.getFailcnt()), m.getLimit() == 0 ? null : unsigned(m.getLimit()));
    }

    private static Long omitZero(long v) {
        return v == 0 ? null : v;
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
