package io.berth.monitor.cadvisor;

import io.berth.monitor.history.HostReader;
import io.berth.monitor.stats.ContainerSample;
import io.berth.monitor.stats.NetDev;
import io.berth.monitor.stats.StatsValues;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.ContainerStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * cAdvisor's REST API v1.3 shapes (cAdvisor info/v1 {@code ContainerInfo}, {@code ContainerStats},
 * {@code MachineInfo}; docs/api.md), built as JSON-ready maps from the stats sampler's latest samples:
 * <ul>
 *   <li>{@code GET /api/v1.3/containers}: the root container "/" with every container as a subcontainer
 *       ({@code {"name": "<cgroup path>"}}) and the machine's latest usage as its one stats entry;</li>
 *   <li>{@code GET /api/v1.3/containers/<cgroup path>} and {@code GET /api/v1.3/docker/<id or name>}: one
 *       container's {@code ContainerInfo} (id, name, aliases [Docker name, ID], namespace "docker", spec,
 *       stats with the latest sample); {@code GET /api/v1.3/docker} maps each container's cgroup path to it;</li>
 *   <li>{@code GET /api/v1.3/machine}: {@code num_cores}, {@code memory_capacity}, {@code filesystems}, ...</li>
 * </ul>
 * berth keeps one sample per container here (the page's history holds ten minutes of derived rates), so
 * {@code stats} has one entry; times are RFC 3339 as Go writes {@code time.Time}.
 */
public final class CadvisorJson {
    private final Function<String, String> deviceName;

    /** @param deviceName "major:minor" to "/dev/sda" */
    public CadvisorJson(Function<String, String> deviceName) {
        this.deviceName = deviceName;
    }

    /**
     * @param samples every sampled container
     * @param host the host's counters, or null
     * @param now the time of the root's stats entry
     * @return the root ContainerInfo
     */
    public Map<String, Object> root(List<ContainerSample> samples, HostReader.Counters host, Instant now) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "/");
        List<Map<String, Object>> subs = new ArrayList<>();
        for (ContainerSample s : samples) {
            subs.add(Map.of("name", s.cgroup()));
        }
        info.put("subcontainers", subs);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("has_cpu", true);
        spec.put("cpu", Map.of("limit", 1024, "max_limit", 0));
        spec.put("has_memory", true);
        spec.put("memory", host == null ? Map.of() : Map.of("limit", host.memoryTotal()));
        spec.put("has_hugetlb", false);
        spec.put("has_network", true);
        spec.put("has_processes", false);
        spec.put("has_filesystem", true);
        spec.put("has_diskio", true);
        spec.put("has_custom_metrics", false);
        info.put("spec", spec);
        if (host != null) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("timestamp", now.toString());
            st.put("memory", Map.of("usage", host.memoryUsed(), "working_set", host.memoryUsed()));
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("name", "");
            net.put("rx_bytes", host.netRxBytes());
            net.put("tx_bytes", host.netTxBytes());
            st.put("network", net);
            info.put("stats", List.of(st));
        }
        return info;
    }

    /**
     * @param samples every sampled container
     * @param key a cgroup path ("/berth/<id>"), a full or unique-prefix ID, or a Docker name
     * @return that container's sample, if found
     */
    public static Optional<ContainerSample> find(List<ContainerSample> samples, String key) {
        for (ContainerSample s : samples) {
            if (s.cgroup().equals(key) || s.container().id().equals(key) || s.container().name().equals(key)) {
                return Optional.of(s);
            }
        }
        List<ContainerSample> byPrefix = samples.stream().filter(s -> s.container().id().startsWith(key)).toList();
        return byPrefix.size() == 1 && !key.isEmpty() ? Optional.of(byPrefix.get(0)) : Optional.empty();
    }

    /**
     * @param s a sampled container
     * @return its ContainerInfo
     */
    public Map<String, Object> container(ContainerSample s) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", s.container().id());
        info.put("name", s.cgroup());
        info.put("aliases", List.of(s.container().name(), s.container().id()));
        info.put("namespace", "docker");
        info.put("spec", spec(s));
        info.put("stats", List.of(stats(s)));
        return info;
    }

    private static Map<String, Object> spec(ContainerSample s) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (s.container().created() != null) {
            spec.put("creation_time", s.container().created().toString());
        }
        spec.put("has_cpu", true);
        spec.put("cpu", Map.of("limit", 1024, "max_limit", 0));
        spec.put("has_memory", true);
        spec.put("memory", s.container().memoryLimit() > 0 ? Map.of("limit", s.container().memoryLimit()) : Map.of());
        spec.put("has_hugetlb", false);
        spec.put("has_network", true);
        spec.put("has_processes", true);
        long pidsLimit = s.stats().getPids().getLimit();
        spec.put("processes", pidsLimit > 0 ? Map.of("limit", pidsLimit) : Map.of());
        spec.put("has_filesystem", false);
        spec.put("has_diskio", true);
        spec.put("has_custom_metrics", false);
        spec.put("image", s.container().image());
        return spec;
    }

    private Map<String, Object> stats(ContainerSample s) {
        ContainerStats st = s.stats();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.ofEpochSecond(st.getRead().getSeconds(), st.getRead().getNanos()).toString());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total", st.getCpu().getTotalUsage());
        if (st.getCpu().getPercpuUsageCount() > 0) {
            usage.put("per_cpu_usage", st.getCpu().getPercpuUsageList());
        }
        usage.put("user", st.getCpu().getUsageInUsermode());
        usage.put("system", st.getCpu().getUsageInKernelmode());
        Map<String, Object> cfs = new LinkedHashMap<>();
        cfs.put("periods", st.getCpu().getPeriods());
        cfs.put("throttled_periods", st.getCpu().getThrottledPeriods());
        cfs.put("throttled_time", st.getCpu().getThrottledTime());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("usage", usage);
        cpu.put("cfs", cfs);
        cpu.put("schedstat", Map.of("run_time", 0, "runqueue_time", 0, "run_periods", 0));
        cpu.put("load_average", 0);
        out.put("cpu", cpu);
        Map<String, Object> diskio = new LinkedHashMap<>();
        diskio.put("io_service_bytes", perDisk(st.getBlkio().getIoServiceBytesRecursiveList()));
        diskio.put("io_serviced", perDisk(st.getBlkio().getIoServicedRecursiveList()));
        out.put("diskio", diskio);
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("usage", st.getMemory().getUsage());
        mem.put("max_usage", st.getMemory().getMaxUsage());
        mem.put("cache", StatsValues.cache(st));
        mem.put("rss", StatsValues.rss(st));
        mem.put("swap", 0);
        mem.put("mapped_file", StatsValues.mappedFile(st));
        mem.put("working_set", StatsValues.workingSet(st));
        mem.put("failcnt", st.getMemory().getFailcnt());
        long pgfault = st.getMemory().getStatsMap().getOrDefault(StatsValues.isV1(st) ? "total_pgfault" : "pgfault", 0L);
        long pgmajfault = st.getMemory().getStatsMap()
                .getOrDefault(StatsValues.isV1(st) ? "total_pgmajfault" : "pgmajfault", 0L);
        mem.put("container_data", Map.of("pgfault", pgfault, "pgmajfault", pgmajfault));
        mem.put("hierarchical_data", Map.of("pgfault", pgfault, "pgmajfault", pgmajfault));
        out.put("memory", mem);
        out.put("network", network(s.networks()));
        out.put("task_stats", Map.of("nr_sleeping", 0, "nr_running", 0, "nr_stopped", 0, "nr_uninterruptible", 0,
                "nr_io_wait", 0));
        out.put("processes", Map.of("process_count", st.getPids().getCurrent(), "fd_count", 0, "socket_count", 0));
        return out;
    }

    private List<Map<String, Object>> perDisk(List<BlkioEntry> entries) {
        Map<String, Map<String, Object>> byDevice = new LinkedHashMap<>();
        for (BlkioEntry e : entries) {
            String key = e.getMajor() + ":" + e.getMinor();
            Map<String, Object> d = byDevice.computeIfAbsent(key, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("device", deviceName.apply(k));
                m.put("major", e.getMajor());
                m.put("minor", e.getMinor());
                m.put("stats", new LinkedHashMap<String, Long>());
                return m;
            });
            @SuppressWarnings("unchecked")
            Map<String, Long> stats = (Map<String, Long>) d.get("stats");
            String op = e.getOp().isEmpty() ? e.getOp() : Character.toUpperCase(e.getOp().charAt(0)) + e.getOp().substring(1);
            stats.merge(op, e.getValue(), Long::sum);
        }
        for (Map<String, Object> d : byDevice.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Long> stats = (Map<String, Long>) d.get("stats");
            if (!stats.containsKey("Total")) {
                stats.put("Total", stats.getOrDefault("Read", 0L) + stats.getOrDefault("Write", 0L));
            }
        }
        return new ArrayList<>(byDevice.values());
    }

    private static Map<String, Object> network(List<NetDev> devs) {
        List<Map<String, Object>> interfaces = new ArrayList<>();
        for (NetDev d : devs) {
            if (!d.isLoopback()) {
                interfaces.add(iface(d));
            }
        }
        Map<String, Object> out = interfaces.isEmpty()
                ? iface(new NetDev("", 0, 0, 0, 0, 0, 0, 0, 0)) : new LinkedHashMap<>(interfaces.get(0));
        if (!interfaces.isEmpty()) {
            out.put("interfaces", interfaces);
        }
        Map<String, Object> tcp = new LinkedHashMap<>();
        for (String k : List.of("Established", "SynSent", "SynRecv", "FinWait1", "FinWait2", "TimeWait", "Close",
                "CloseWait", "LastAck", "Listen", "Closing")) {
            tcp.put(k, 0);
        }
        out.put("tcp", tcp);
        out.put("tcp6", tcp);
        Map<String, Object> udp = Map.of("Listen", 0, "Dropped", 0, "RxQueued", 0, "TxQueued", 0);
        out.put("udp", udp);
        out.put("udp6", udp);
        return out;
    }

    private static Map<String, Object> iface(NetDev d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("rx_bytes", d.rxBytes());
        m.put("rx_packets", d.rxPackets());
        m.put("rx_errors", d.rxErrors());
        m.put("rx_dropped", d.rxDropped());
        m.put("tx_bytes", d.txBytes());
        m.put("tx_packets", d.txPackets());
        m.put("tx_errors", d.txErrors());
        m.put("tx_dropped", d.txDropped());
        return m;
    }

    /**
     * @param host the host's counters, or null
     * @param dataRootDevice the data root filesystem's device name
     * @param now the time of the answer
     * @param machineId {@code /etc/machine-id}, "" if none
     * @param bootId the kernel's boot ID, "" if none
     * @return the MachineInfo
     */
    public static Map<String, Object> machine(HostReader.Counters host, String dataRootDevice, Instant now,
                                              String machineId, String bootId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", now.toString());
        int cores = host == null ? 0 : host.cores();
        m.put("num_cores", cores);
        m.put("num_physical_cores", cores);
        m.put("num_sockets", 1);
        m.put("cpu_frequency_khz", 0);
        m.put("memory_capacity", host == null ? 0 : host.memoryTotal());
        m.put("memory_by_type", Map.of());
        m.put("nvm", Map.of("memory_mode_capacity", 0, "app_direct_mode_capacity", 0, "avg_power_budget", 0));
        m.put("hugepages", List.of());
        m.put("machine_id", machineId);
        m.put("system_uuid", "");
        m.put("boot_id", bootId);
        Map<String, Object> fs = new LinkedHashMap<>();
        fs.put("device", dataRootDevice);
        fs.put("capacity", host == null ? 0 : host.fsCapacity());
        fs.put("type", "vfs");
        fs.put("inodes", 0);
        fs.put("has_inodes", false);
        m.put("filesystems", List.of(fs));
        m.put("disk_map", Map.of());
        m.put("network_devices", List.of());
        m.put("topology", List.of());
        m.put("cloud_provider", "Unknown");
        m.put("instance_type", "Unknown");
        m.put("instance_id", "None");
        return m;
    }
}
