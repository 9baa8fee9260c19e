package io.berth.gateway.types.containers.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The body of Docker Engine API 1.41 {@code GET /containers/{id}/stats}: moby api/types/stats.go
 * {@code StatsJSON} (its embedded {@code Stats} first), field by field in Go's order, with Go's
 * {@code omitempty} rules: zero numbers marked omitempty are left out (a null component here), structs are
 * always written, nil slices are {@code null} (the blkio lists) or left out where omitempty (percpu_usage).
 * Counters are unsigned 64-bit in Go; values that may exceed a Java long are {@link BigInteger}.
 *
 * @param read when the sample was read (RFC 3339 with nanoseconds; Go's zero time when there is none)
 * @param preread when the previous sample was read
 * @param pidsStats pids_stats
 * @param blkioStats blkio_stats
 * @param numProcs num_procs (Windows only: always 0)
 * @param storageStats storage_stats (Windows only, every field omitempty: always {} here)
 * @param cpuStats cpu_stats
 * @param precpuStats precpu_stats: the previous sample's cpu_stats
 * @param memoryStats memory_stats
 * @param name the container's name with its leading slash
 * @param id the container's full ID
 * @param networks per interface; omitted while containers have no interfaces beyond loopback (dockerd omits
 *     it for containers without a network sandbox's interfaces too)
 */
public record ContainerStatsJson(@JsonProperty("read") String read,
                                 @JsonProperty("preread") String preread,
                                 @JsonProperty("pids_stats") PidsStats pidsStats,
                                 @JsonProperty("blkio_stats") BlkioStats blkioStats,
                                 @JsonProperty("num_procs") long numProcs,
                                 @JsonProperty("storage_stats") Map<String, Long> storageStats,
                                 @JsonProperty("cpu_stats") CpuStats cpuStats,
                                 @JsonProperty("precpu_stats") CpuStats precpuStats,
                                 @JsonProperty("memory_stats") MemoryStats memoryStats,
                                 @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
                                 @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_EMPTY) String id,
                                 @JsonProperty("networks") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                 Map<String, NetworkStats> networks) {
    /**
     * PidsStats.
     *
     * @param current current (omitempty)
     * @param limit limit (omitempty; none means no limit)
     */
    public record PidsStats(@JsonProperty("current") @JsonInclude(JsonInclude.Include.NON_NULL) Long current,
                            @JsonProperty("limit") @JsonInclude(JsonInclude.Include.NON_NULL) Long limit) {
    }

    /**
     * BlkioStatEntry.
     *
     * @param major major
     * @param minor minor
     * @param op op ("Read", "Write", ... on cgroup v1; "read", "write" on v2)
     * @param value value
     */
    public record BlkioStatEntry(@JsonProperty("major") long major, @JsonProperty("minor") long minor,
                                 @JsonProperty("op") String op, @JsonProperty("value") long value) {
    }

    /**
     * BlkioStats: every list null when empty (Go's nil slice).
     *
     * @param ioServiceBytesRecursive io_service_bytes_recursive
     * @param ioServicedRecursive io_serviced_recursive
     * @param ioQueueRecursive io_queue_recursive
     * @param ioServiceTimeRecursive io_service_time_recursive
     * @param ioWaitTimeRecursive io_wait_time_recursive
     * @param ioMergedRecursive io_merged_recursive
     * @param ioTimeRecursive io_time_recursive
     * @param sectorsRecursive sectors_recursive
     */
    public record BlkioStats(@JsonProperty("io_service_bytes_recursive") List<BlkioStatEntry> ioServiceBytesRecursive,
                             @JsonProperty("io_serviced_recursive") List<BlkioStatEntry> ioServicedRecursive,
                             @JsonProperty("io_queue_recursive") List<BlkioStatEntry> ioQueueRecursive,
                             @JsonProperty("io_service_time_recursive") List<BlkioStatEntry> ioServiceTimeRecursive,
                             @JsonProperty("io_wait_time_recursive") List<BlkioStatEntry> ioWaitTimeRecursive,
                             @JsonProperty("io_merged_recursive") List<BlkioStatEntry> ioMergedRecursive,
                             @JsonProperty("io_time_recursive") List<BlkioStatEntry> ioTimeRecursive,
                             @JsonProperty("sectors_recursive") List<BlkioStatEntry> sectorsRecursive) {
    }

    /**
     * CPUUsage, times in nanoseconds.
     *
     * @param totalUsage total_usage
     * @param percpuUsage percpu_usage (omitempty; cgroup v1 only)
     * @param usageInKernelmode usage_in_kernelmode
     * @param usageInUsermode usage_in_usermode
     */
    public record CpuUsage(@JsonProperty("total_usage") long totalUsage,
                           @JsonProperty("percpu_usage") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                           List<Long> percpuUsage,
                           @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
                           @JsonProperty("usage_in_usermode") long usageInUsermode) {
    }

    /**
     * ThrottlingData.
     *
     * @param periods periods
     * @param throttledPeriods throttled_periods
     * @param throttledTime throttled_time (ns)
     */
    public record ThrottlingData(@JsonProperty("periods") long periods,
                                 @JsonProperty("throttled_periods") long throttledPeriods,
                                 @JsonProperty("throttled_time") long throttledTime) {
    }

    /**
     * CPUStats.
     *
     * @param cpuUsage cpu_usage
     * @param systemCpuUsage system_cpu_usage (omitempty): the host's CPU time in ns from /proc/stat
     * @param onlineCpus online_cpus (omitempty)
     * @param throttlingData throttling_data
     */
    public record CpuStats(@JsonProperty("cpu_usage") CpuUsage cpuUsage,
                           @JsonProperty("system_cpu_usage") @JsonInclude(JsonInclude.Include.NON_NULL)
                           Long systemCpuUsage,
                           @JsonProperty("online_cpus") @JsonInclude(JsonInclude.Include.NON_NULL) Integer onlineCpus,
                           @JsonProperty("throttling_data") ThrottlingData throttlingData) {
    }

    /**
     * MemoryStats in bytes, every field omitempty.
     *
     * @param usage usage
     * @param maxUsage max_usage (cgroup v1 only)
     * @param stats stats: memory.stat's keys in byte order (Go writes map keys sorted)
     * @param failcnt failcnt (cgroup v1 only)
     * @param limit limit
     */
    public record MemoryStats(@JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) Long usage,
                              @JsonProperty("max_usage") @JsonInclude(JsonInclude.Include.NON_NULL) Long maxUsage,
                              @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                              Map<String, BigInteger> stats,
                              @JsonProperty("failcnt") @JsonInclude(JsonInclude.Include.NON_NULL) Long failcnt,
                              @JsonProperty("limit") @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger limit) {
    }

    /**
     * NetworkStats of one interface (for when containers get interfaces).
     *
     * @param rxBytes rx_bytes
     * @param rxPackets rx_packets
     * @param rxErrors rx_errors
     * @param rxDropped rx_dropped
     * @param txBytes tx_bytes
     * @param txPackets tx_packets
     * @param txErrors tx_errors
     * @param txDropped tx_dropped
     */
    public record NetworkStats(@JsonProperty("rx_bytes") long rxBytes, @JsonProperty("rx_packets") long rxPackets,
                               @JsonProperty("rx_errors") long rxErrors, @JsonProperty("rx_dropped") long rxDropped,
                               @JsonProperty("tx_bytes") long txBytes, @JsonProperty("tx_packets") long txPackets,
                               @JsonProperty("tx_errors") long txErrors, @JsonProperty("tx_dropped") long txDropped) {
    }
}
