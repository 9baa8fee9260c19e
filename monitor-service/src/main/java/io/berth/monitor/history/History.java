package io.berth.monitor.history;

import io.berth.monitor.stats.ContainerSample;
import io.berth.monitor.stats.NetDev;
import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsValues;
import io.berth.proto.monitor.v1.ContainerStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@value #CAPACITY} seconds of every sampled container and of the host, in memory, one point a
 * second (fed by the stats sampler's tick): what the page's charts draw. Rates are computed here from two
 * consecutive cumulative samples, so a point holds:
 * <ul>
 *   <li>a container ({@link #CONTAINER_COLUMNS}): CPU in cores (1.0 = one core busy), memory usage and working
 *       set in bytes, network receive and transmit in bytes/s (every interface but lo), block read and write
 *       in bytes/s, processes;</li>
 *   <li>the host ({@link #HOST_COLUMNS}): CPU busy in percent of all cores, memory used in bytes, network
 *       receive/transmit and disk read/write in bytes/s.</li>
 * </ul>
 * A container's history is dropped as soon as it is no longer sampled (stopped or removed).
 */
public final class History {
    /** Points kept per series: ten minutes at one a second. */
    public static final int CAPACITY = 600;
    /** The values of a container's point, in order. */
    public static final List<String> CONTAINER_COLUMNS = List.of("cpu_cores", "memory_usage_bytes",
            "memory_working_set_bytes", "network_rx_bytes_per_second", "network_tx_bytes_per_second",
            "block_read_bytes_per_second", "block_write_bytes_per_second", "processes");
    /** The values of the host's point, in order. */
    public static final List<String> HOST_COLUMNS = List.of("cpu_percent", "memory_used_bytes",
            "network_rx_bytes_per_second", "network_tx_bytes_per_second", "disk_read_bytes_per_second",
            "disk_write_bytes_per_second");

    private final Map<String, Track> containers = new ConcurrentHashMap<>();
    private final SeriesRing host = new SeriesRing(CAPACITY, HOST_COLUMNS.size());
    private final Object hostLock = new Object();
    private HostReader.Counters lastHost;
    private long lastHostMillis;

    /** One container's ring and the cumulative counters of its previous sample. */
    private static final class Track {
        final SeriesRing ring = new SeriesRing(CAPACITY, CONTAINER_COLUMNS.size());
        volatile RunningContainers.Running container;
        volatile double[] latest;
        long readNanos;
        long cpu;
        long rx;
        long tx;
        long read;
        long write;
        boolean primed;
    }

    /**
     * Adds one point per container from a sampler tick; the first sample of a container only primes its
     * rates (no point); containers absent from {@code samples} are forgotten.
     *
     * @param samples the tick's samples
     */
    public void record(Collection<ContainerSample> samples) {
        Set<String> seen = new HashSet<>();
        for (ContainerSample s : samples) {
            String id = s.container().id();
            seen.add(id);
            Track t = containers.computeIfAbsent(id, k -> new Track());
            t.container = s.container();
            ContainerStats st = s.stats();
            long readNanos = st.getRead().getSeconds() * 1_000_000_000L + st.getRead().getNanos();
            long rx = 0;
            long tx = 0;
            for (NetDev d : s.networks()) {
                if (!d.isLoopback()) {
                    rx += d.rxBytes();
                    tx += d.txBytes();
                }
            }
            long cpu = st.getCpu().getTotalUsage();
            long read = StatsValues.blockReadBytes(st);
            long write = StatsValues.blockWriteBytes(st);
            synchronized (t) {
                if (t.primed && readNanos > t.readNanos) {
                    double seconds = (readNanos - t.readNanos) / 1e9;
                    double[] point = {
                        Math.max(0, cpu - t.cpu) / 1e9 / seconds,
                        st.getMemory().getUsage(),
                        StatsValues.workingSet(st),
                        Math.max(0, rx - t.rx) / seconds,
                        Math.max(0, tx - t.tx) / seconds,
                        Math.max(0, read - t.read) / seconds,
                        Math.max(0, write - t.write) / seconds,
                        st.getPids().getCurrent(),
                    };
                    t.ring.add(readNanos / 1_000_000L, point);
                    t.latest = point;
                }
                t.primed = true;
                t.readNanos = readNanos;
                t.cpu = cpu;
                t.rx = rx;
                t.tx = tx;
                t.read = read;
                t.write = write;
            }
        }
        containers.keySet().retainAll(seen);
    }

    /**
     * Adds one host point from two consecutive readings (the first one only primes the rates).
     *
     * @param c the host's counters now
     * @param nowMillis when they were read, Unix milliseconds
     * @return the point added ({@link #HOST_COLUMNS}), or null for the first reading
     */
    public double[] recordHost(HostReader.Counters c, long nowMillis) {
        synchronized (hostLock) {
            double[] point = null;
            if (lastHost != null && nowMillis > lastHostMillis) {
                double seconds = (nowMillis - lastHostMillis) / 1000.0;
                long ticks = c.cpuTotalTicks() - lastHost.cpuTotalTicks();
                double cpu = ticks > 0 ? 100.0 * (c.cpuBusyTicks() - lastHost.cpuBusyTicks()) / ticks : 0;
                point = new double[] {cpu, c.memoryUsed(),
                    Math.max(0, c.netRxBytes() - lastHost.netRxBytes()) / seconds,
                    Math.max(0, c.netTxBytes() - lastHost.netTxBytes()) / seconds,
                    Math.max(0, c.diskReadBytes() - lastHost.diskReadBytes()) / seconds,
                    Math.max(0, c.diskWriteBytes() - lastHost.diskWriteBytes()) / seconds};
                host.add(nowMillis, point);
            }
            lastHost = c;
            lastHostMillis = nowMillis;
            return point;
        }
    }

    /** @return the host's latest counters, null before the first reading */
    public HostReader.Counters host() {
        synchronized (hostLock) {
            return lastHost;
        }
    }

    /** @return the host's ring in uPlot's layout ({@link SeriesRing#columns}) */
    public double[][] hostColumns() {
        return host.columns();
    }

    /** A container's history. @param container the engine's view @param columns uPlot's layout */
    public record ContainerSeries(RunningContainers.Running container, double[][] columns) {
    }

    /** @return every tracked container's ring, by ID, in start order (oldest first) */
    public List<ContainerSeries> containerSeries() {
        List<ContainerSeries> out = new ArrayList<>();
        for (Track t : containers.values()) {
            out.add(new ContainerSeries(t.container, t.ring.columns()));
        }
        out.sort((a, b) -> a.container().name().compareTo(b.container().name()));
        return out;
    }

    /** @return each tracked container's latest point ({@link #CONTAINER_COLUMNS}), by ID; none before two samples */
    public Map<String, double[]> latestPoints() {
        Map<String, double[]> out = new LinkedHashMap<>();
        containers.forEach((id, t) -> {
            if (t.latest != null) {
                out.put(id, t.latest.clone());
            }
        });
        return out;
    }
}
