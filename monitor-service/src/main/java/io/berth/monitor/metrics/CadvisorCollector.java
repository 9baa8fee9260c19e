package io.berth.monitor.metrics;

import io.berth.monitor.stats.ContainerSample;
import io.berth.monitor.stats.NetDev;
import io.berth.monitor.stats.StatsSampler;
import io.berth.monitor.stats.StatsValues;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.ContainerStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * cAdvisor's container metrics, computed at scrape time from the stats sampler's latest sample of every
 * running container (so a scrape reads no cgroup file), with cAdvisor's names, types and labels
 * (cAdvisor metrics/prometheus.go): every series has {@code id} (the container's cgroup path, cAdvisor's
 * container name), {@code name} (the Docker name) and {@code image} (the image as given at create).
 * <ul>
 *   <li>counters, in seconds: {@code container_cpu_usage_seconds_total{cpu="total"}},
 *       {@code container_cpu_user_seconds_total}, {@code container_cpu_system_seconds_total};</li>
 *   <li>gauges, in bytes: {@code container_memory_usage_bytes}, {@code container_memory_working_set_bytes},
 *       {@code container_memory_rss}, {@code container_memory_cache}, {@code container_spec_memory_limit_bytes}
 *       (HostConfig.Memory, 0 without a limit, as cAdvisor's spec);</li>
 *   <li>counters, in bytes: {@code container_network_receive_bytes_total},
 *       {@code container_network_transmit_bytes_total} (label {@code interface}, every interface of the
 *       container's network namespace but lo, as cAdvisor), {@code container_fs_reads_bytes_total},
 *       {@code container_fs_writes_bytes_total} (label {@code device}: {@code /dev/<name>} from
 *       {@code /sys/dev/block/<major>:<minor>}, else {@code <major>:<minor>});</li>
 *   <li>gauges: {@code container_processes}, {@code container_last_seen} and
 *       {@code container_start_time_seconds} (Unix seconds).</li>
 * </ul>
 * The machine's {@code machine_cpu_cores} and {@code machine_memory_bytes} come from {@link MachineMetrics}.
 */
public final class CadvisorCollector implements MultiCollector {
    private final StatsSampler sampler;
    private final Clock clock;
    private final Function<String, String> deviceName;

    /**
     * @param sampler the sampler whose latest samples are exported
     * @param clock the clock of {@code container_last_seen}
     * @param deviceName "major:minor" to a device's name ("/dev/sda"); returns its argument if unknown
     */
    public CadvisorCollector(StatsSampler sampler, Clock clock, Function<String, String> deviceName) {
        this.sampler = sampler;
        this.clock = clock;
        this.deviceName = deviceName;
    }

    @Override
    public MetricSnapshots collect() {
        List<ContainerSample> samples = sampler.samples();
        samples.sort((a, b) -> a.container().id().compareTo(b.container().id()));
        double now = clock.millis() / 1000.0;
        Families f = new Families();
        for (ContainerSample s : samples) {
            Labels l = labels(s);
            ContainerStats st = s.stats();
            f.counter("container_cpu_usage_seconds", "Cumulative cpu time consumed in seconds.",
                    l.add("cpu", "total"), st.getCpu().getTotalUsage() / 1e9);
            f.counter("container_cpu_user_seconds", "Cumulative user cpu time consumed in seconds.", l,
                    st.getCpu().getUsageInUsermode() / 1e9);
            f.counter("container_cpu_system_seconds", "Cumulative system cpu time consumed in seconds.", l,
                    st.getCpu().getUsageInKernelmode() / 1e9);
            f.gauge("container_memory_usage_bytes",
                    "Current memory usage in bytes, including all memory regardless of when it was accessed", l,
                    st.getMemory().getUsage());
            f.gauge("container_memory_working_set_bytes", "Current working set in bytes.", l,
                    StatsValues.workingSet(st));
            f.gauge("container_memory_rss", "Size of RSS in bytes.", l, StatsValues.rss(st));
            f.gauge("container_memory_cache", "Number of bytes of page cache memory.", l, StatsValues.cache(st));
            f.gauge("container_spec_memory_limit_bytes", "Memory limit for the container.", l,
                    s.container().memoryLimit());
            for (NetDev d : s.networks()) {
                if (!d.isLoopback()) {
                    Labels nl = l.add("interface", d.name());
                    f.counter("container_network_receive_bytes", "Cumulative count of bytes received", nl,
                            d.rxBytes());
                    f.counter("container_network_transmit_bytes", "Cumulative count of bytes transmitted", nl,
                            d.txBytes());
                }
            }
            fsBytes(f, l, st);
            f.gauge("container_processes", "Number of processes running inside the container.", l,
                    st.getPids().getCurrent());
            f.gauge("container_last_seen", "Last time a container was seen by the exporter", l, now);
            if (s.container().started() != null) {
                f.gauge("container_start_time_seconds", "Start time of the container since unix epoch in seconds.",
                        l, s.container().started().toEpochMilli() / 1000.0);
            }
        }
        return f.build();
    }

    private void fsBytes(Families f, Labels l, ContainerStats st) {
        Map<String, long[]> byDevice = new LinkedHashMap<>();
        for (BlkioEntry e : st.getBlkio().getIoServiceBytesRecursiveList()) {
            long[] rw = byDevice.computeIfAbsent(e.getMajor() + ":" + e.getMinor(), k -> new long[2]);
            if (e.getOp().equalsIgnoreCase("read")) {
                rw[0] += e.getValue();
            } else if (e.getOp().equalsIgnoreCase("write")) {
                rw[1] += e.getValue();
            }
        }
        byDevice.forEach((dev, rw) -> {
            Labels dl = l.add("device", deviceName.apply(dev));
            f.counter("container_fs_reads_bytes", "Cumulative count of bytes read", dl, rw[0]);
            f.counter("container_fs_writes_bytes", "Cumulative count of bytes written", dl, rw[1]);
        });
    }

    private static Labels labels(ContainerSample s) {
        return Labels.of("id", s.cgroup(), "image", s.container().image(), "name", s.container().name());
    }

    /**
     * Collects data points by family name (first help text wins) and builds one snapshot per family, in the
     * order the families first appeared. Counter names are given without {@code _total}: the text format
     * writer appends it.
     */
    static final class Families {
        private final Map<String, String> help = new LinkedHashMap<>();
        private final Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();
        private final Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();

        void counter(String name, String text, Labels labels, double value) {
            help.putIfAbsent(name, text);
            counters.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        void gauge(String name, String text, Labels labels, double value) {
            help.putIfAbsent(name, text);
            gauges.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshots build() {
            List<MetricSnapshot> out = new ArrayList<>();
            for (Map.Entry<String, String> e : help.entrySet()) {
                List<CounterDataPointSnapshot> c = counters.get(e.getKey());
                if (c != null) {
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(e.getKey()).help(e.getValue());
                    c.forEach(b::dataPoint);
                    out.add(b.build());
                } else {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(e.getKey()).help(e.getValue());
                    gauges.get(e.getKey()).forEach(b::dataPoint);
                    out.add(b.build());
                }
            }
            return new MetricSnapshots(out);
        }
    }
}
