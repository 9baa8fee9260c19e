package io.berth.monitor.http;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.monitor.cadvisor.CadvisorJson;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.events.EventFilter;
import io.berth.monitor.events.EventQuery;
import io.berth.monitor.events.EventSink;
import io.berth.monitor.history.History;
import io.berth.monitor.history.HostReader;
import io.berth.monitor.history.RecentEvents;
import io.berth.monitor.metrics.CadvisorCollector;
import io.berth.monitor.metrics.DaemonCollector;
import io.berth.monitor.metrics.DeviceNames;
import io.berth.monitor.metrics.RequestLatency;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.Event;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The cAdvisor-like view of the monitor, wired together: the in-memory history fed by every sampler tick
 * (containers) plus a host reading per tick, the latest events (from the event bus, its history first), the
 * Prometheus registry ({@link CadvisorCollector}, {@link DaemonCollector}, {@link RequestLatency}) and, when
 * an address is given, the HTTP listener ({@link MetricsHttpServer}) with a live update after every tick.
 * The history, events and metrics are kept even without a listener (the gateway's request timings still
 * arrive).
 */
public final class MetricsView implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MetricsView.class);

    private final History history = new History();
    private final RecentEvents events = new RecentEvents();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RequestLatency latency = new RequestLatency(registry);
    private final AtomicLong sentEvents = new AtomicLong();
    private final ViewRoutes routes;
    private final HostReader host;
    private final Clock clock;
    private MetricsHttpServer server;

    /**
     * @param sampler the stats sampler (ticking or not)
     * @param bus the event bus
     * @param clock the clock
     * @param hostRoot the directory holding proc and sys
     * @param dataRoot berth's data root
     */
    public MetricsView(StatsSampler sampler, EventBus bus, Clock clock, Path hostRoot, Path dataRoot) {
        this.clock = clock;
        this.host = new HostReader(hostRoot, dataRoot);
        DeviceNames devices = new DeviceNames(hostRoot);
        DaemonCollector daemon = new DaemonCollector(sampler, () -> {
            HostReader.Counters c = history.host();
            return c == null ? new long[] {0, 0} : new long[] {c.cores(), c.memoryTotal()};
        });
        registry.register(new CadvisorCollector(sampler, clock, devices));
        registry.register(daemon);
        CadvisorJson cadvisor = new CadvisorJson(devices);
        String machineId = CgroupMounts.readOrEmpty(hostRoot.resolve("etc/machine-id")).trim();
        String bootId = CgroupMounts.readOrEmpty(hostRoot.resolve("proc/sys/kernel/random/boot_id")).trim();
        String device = fsDevice(dataRoot);
        routes = new ViewRoutes(registry, sampler, history, cadvisor,
                new ViewJson(sampler, history, events, clock, hostRoot, dataRoot),
                () -> CadvisorJson.machine(history.host(), device, clock.instant(), machineId, bootId), clock);
        history.recordHost(host.read(), clock.millis());
        long startNano = bus.nowNano();
        bus.subscribe(new EventQuery(EventFilter.all(), 1, 0), new EventSink() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void onEvent(Event event) {
                events.add(event);
                if (event.getTimeNano() >= startNano) {
                    daemon.eventPublished();
                }
            }

            @Override
            public void onComplete() {
            }

            @Override
            public void onDropped(String reason) {
                LOG.warn("metrics view: event feed dropped: {}", reason);
            }
        });
        sampler.onTick(samples -> {
            history.record(samples);
            double[] point = history.recordHost(host.read(), clock.millis());
            long since = sentEvents.get();
            sentEvents.set(events.lastSeq());
            routes.broadcast(point, since);
        });
    }

    private static String fsDevice(Path dataRoot) {
        try {
            return Files.getFileStore(Files.exists(dataRoot) ? dataRoot : Path.of("/")).name();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Starts listening.
     *
     * @param address where
     * @throws java.io.UncheckedIOException if it cannot be bound
     */
    public void listen(InetSocketAddress address) {
        server = MetricsHttpServer.start(address, routes);
    }

    /** @return the listener's address, null if not listening */
    public InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    /** @return the request latency histogram (fed by the gateway's reports) */
    public RequestLatency latency() {
        return latency;
    }

    /** @return the registry behind {@code /metrics} */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** @return the routes (for tests) */
    ViewRoutes routes() {
        return routes;
    }

    /** Closes the listener and its live-update streams. */
    @Override
    public void close() {
        routes.updates().close();
        if (server != null) {
            server.close();
        }
    }
}
