package io.berth.monitor.http;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.monitor.history.History;
import io.berth.monitor.history.HostReader;
import io.berth.monitor.history.RecentEvents;
import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's JSON: {@link #overview} for its first load ({@code GET /api/berth/v1/overview}: daemon info, the
 * host's and every container's ten-minute history in uPlot's column layout, the latest events) and
 * {@link #update} for each live update (one new point per series, the events since the last update). Units:
 * see {@link History}; times in Unix seconds.
 */
public final class ViewJson {
    private final StatsSampler sampler;
    private final History history;
    private final RecentEvents events;
    private final Clock clock;
    private final Path hostRoot;
    private final Path dataRoot;
    private final Instant started;

    /**
     * @param sampler the sampler (container listing)
     * @param history the in-memory history
     * @param events the latest events
     * @param clock the clock
     * @param hostRoot the directory holding proc
     * @param dataRoot berth's data root
     */
    public ViewJson(StatsSampler sampler, History history, RecentEvents events, Clock clock, Path hostRoot,
                    Path dataRoot) {
        this.sampler = sampler;
        this.history = history;
        this.events = events;
        this.clock = clock;
        this.hostRoot = hostRoot;
        this.dataRoot = dataRoot;
        this.started = clock.instant();
    }

    /** @return the first-load document */
    public Map<String, Object> overview() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", clock.millis() / 1000.0);
        out.put("daemon", daemon());
        Map<String, Object> host = hostInfo();
        host.put("columns", History.HOST_COLUMNS);
        host.put("series", history.hostColumns());
        out.put("host", host);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (History.ContainerSeries s : history.containerSeries()) {
            Map<String, Object> c = describe(s.container());
            c.put("series", s.columns());
            containers.add(c);
        }
        out.put("container_columns", History.CONTAINER_COLUMNS);
        out.put("containers", containers);
        out.put("events", events(events.after(0)));
        out.put("last_event", events.lastSeq());
        return out;
    }

    /**
     * @param hostPoint the host's newest point ({@link History#HOST_COLUMNS}), or null
     * @param sinceEvent the last event number the pages have
     * @return one live update
     */
    public Map<String, Object> update(double[] hostPoint, long sinceEvent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", clock.millis() / 1000.0);
        out.put("daemon", daemon());
        Map<String, Object> host = hostInfo();
        if (hostPoint != null) {
            host.put("point", hostPoint);
        }
        out.put("host", host);
        Map<String, double[]> points = history.latestPoints();
        List<Map<String, Object>> containers = new ArrayList<>();
        for (History.ContainerSeries s : history.containerSeries()) {
            double[] p = points.get(s.container().id());
            if (p != null) {
                Map<String, Object> c = describe(s.container());
                c.put("point", p);
                containers.add(c);
            }
        }
        out.put("containers", containers);
        out.put("events", events(events.after(sinceEvent)));
        out.put("last_event", events.lastSeq());
        return out;
    }

    private static Map<String, Object> describe(RunningContainers.Running r) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", r.id());
        c.put("name", r.name());
        c.put("image", r.image());
        c.put("state", r.state());
        c.put("started", r.started() == null ? null : r.started().toEpochMilli() / 1000.0);
        c.put("memory_limit", r.memoryLimit());
        return c;
    }

    private Map<String, Object> daemon() {
        Map<String, Object> d = new LinkedHashMap<>();
        long running = 0;
        long paused = 0;
        long stopped = 0;
        for (RunningContainers.Running c : sampler.containers()) {
            switch (c.state()) {
                case "running", "restarting" -> running++;
                case "paused" -> paused++;
                default -> stopped++;
            }
        }
        d.put("containers", running + paused + stopped);
        d.put("containers_running", running);
        d.put("containers_paused", paused);
        d.put("containers_stopped", stopped);
        d.put("data_root", dataRoot.toString());
        d.put("hostname", CgroupMounts.readOrEmpty(hostRoot.resolve("proc/sys/kernel/hostname")).trim());
        d.put("kernel", CgroupMounts.readOrEmpty(hostRoot.resolve("proc/sys/kernel/osrelease")).trim());
        d.put("monitor_started", started.toEpochMilli() / 1000.0);
        String version = ViewJson.class.getPackage().getImplementationVersion();
        d.put("version", version == null ? "dev" : version);
        return d;
    }

    private Map<String, Object> hostInfo() {
        Map<String, Object> h = new LinkedHashMap<>();
        HostReader.Counters c = history.host();
        if (c != null) {
            h.put("cores", c.cores());
            h.put("memory_total", c.memoryTotal());
            h.put("memory_used", c.memoryUsed());
            h.put("fs_capacity", c.fsCapacity());
            h.put("fs_available", c.fsAvailable());
        }
        return h;
    }

    private static List<Map<String, Object>> events(List<RecentEvents.Numbered> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecentEvents.Numbered n : list) {
            Event e = n.event();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", n.seq());
            m.put("time", e.getTimeNano() / 1e9);
            m.put("type", e.getType());
            m.put("action", e.getAction());
            m.put("id", e.getActorId());
            m.put("name", e.getAttributesOrDefault("name", ""));
            out.add(m);
        }
        return out;
    }
}
