package io.berth.monitor.stats;

import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.ContainerStats;
import java.util.Map;

/**
 * The derived numbers cAdvisor reports, computed from one {@code docker stats} sample (cgroup v1 or v2 keys of
 * {@code memory.stat}), shared by {@code /metrics}, cAdvisor's JSON and the page's history, so that all three
 * show the same values:
 * <ul>
 *   <li>cache: v1 {@code total_cache}, v2 {@code file}; rss: v1 {@code total_rss}, v2 {@code anon};</li>
 *   <li>working set: usage minus inactive file pages (v1 {@code total_inactive_file}, v2
 *       {@code inactive_file}), at least 0 (cAdvisor {@code setMemoryStats});</li>
 *   <li>block I/O bytes: the sum of {@code io_service_bytes_recursive} entries whose op is Read (Write), any
 *       case, over all devices.</li>
 * </ul>
 */
public final class StatsValues {
    private StatsValues() {
    }

    /**
     * @param s a sample
     * @return true if its memory keys are cgroup v1's
     */
    public static boolean isV1(ContainerStats s) {
        return s.getMemory().getStatsMap().containsKey("total_cache");
    }

    /** @param s a sample @return page cache bytes */
    public static long cache(ContainerStats s) {
        return stat(s, isV1(s) ? "total_cache" : "file");
    }

    /** @param s a sample @return anonymous memory bytes */
    public static long rss(ContainerStats s) {
        return stat(s, isV1(s) ? "total_rss" : "anon");
    }

    /** @param s a sample @return mapped file bytes */
    public static long mappedFile(ContainerStats s) {
        return stat(s, isV1(s) ? "total_mapped_file" : "file_mapped");
    }

    /** @param s a sample @return usage minus inactive file pages, in bytes, at least 0 */
    public static long workingSet(ContainerStats s) {
        long inactive = stat(s, isV1(s) ? "total_inactive_file" : "inactive_file");
        long usage = s.getMemory().getUsage();
        return usage > inactive ? usage - inactive : 0;
    }

    /** @param s a sample @return bytes read from block devices */
    public static long blockReadBytes(ContainerStats s) {
        return blockBytes(s, "read");
    }

    /** @param s a sample @return bytes written to block devices */
    public static long blockWriteBytes(ContainerStats s) {
        return blockBytes(s, "write");
    }

    private static long blockBytes(ContainerStats s, String op) {
        long sum = 0;
        for (BlkioEntry e : s.getBlkio().getIoServiceBytesRecursiveList()) {
            if (e.getOp().equalsIgnoreCase(op)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static long stat(ContainerStats s, String key) {
        Map<String, Long> m = s.getMemory().getStatsMap();
        return m.getOrDefault(key, 0L);
    }
}
