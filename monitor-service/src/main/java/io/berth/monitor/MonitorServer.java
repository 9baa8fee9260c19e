package io.berth.monitor;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.berth.common.grpc.UnixGrpcServer;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.events.EventQuery;
import io.berth.monitor.events.EventSink;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.Event;
import io.berth.monitor.http.MetricsView;
import io.grpc.BindableService;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The running monitor: its event bus, the stats sampler (ticking once a second, told by the bus when a
 * container starts or stops) and the gRPC server on its unix socket.
 */
public final class MonitorServer implements AutoCloseable {
    /** The container actions after which the sampler asks the engine again which containers run. */
    static final Set<String> CONTAINER_STATE_ACTIONS = Set.of("start", "restart", "die", "kill", "pause",
            "unpause", "destroy");

    private static final Logger LOG = LogManager.getLogger(MonitorServer.class);

    private final EventBus bus;
    private final StatsSampler sampler;
    private final MetricsView view;
    private final UnixGrpcServer server;

    private MonitorServer(EventBus bus, StatsSampler sampler, MetricsView view, UnixGrpcServer server) {
        this.bus = bus;
        this.sampler = sampler;
        this.view = view;
        this.server = server;
    }

    /**
     * Wires the monitor with {@link MonitorModule} and starts serving on {@code config.socket()}.
     *
     * @param config the settings
     * @param clock the clock events are stamped with
     * @return the running monitor
     * @throws java.io.UncheckedIOException if the socket cannot be bound
     */
    public static MonitorServer start(MonitorConfig config, Clock clock) {
        Injector injector = Guice.createInjector(new MonitorModule(config, clock));
        EventBus bus = injector.getInstance(EventBus.class);
        StatsSampler sampler = injector.getInstance(StatsSampler.class);
        bus.subscribe(EventQuery.live(), new EventSink() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void onEvent(Event event) {
                if ("container".equals(event.getType()) && CONTAINER_STATE_ACTIONS.contains(event.getAction())) {
                    sampler.containersChanged();
                }
            }

            @Override
            public void onComplete() {
            }

            @Override
            public void onDropped(String reason) {
            }
        });
        MetricsView view = injector.getInstance(MetricsView.class);
        if (config.metricsAddress() != null) {
            try {
                view.listen(config.metricsAddress());
            } catch (UncheckedIOException e) {
                // dockerd exits here; berth keeps serving events and stats without the view (another daemon,
                // e.g. a test's, may hold the default port).
                LOG.error("metrics view off: {}", e.getMessage());
            }
        }
        sampler.start(Duration.ofSeconds(1));
        Set<BindableService> services = injector.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }));
        return new MonitorServer(bus, sampler, view, UnixGrpcServer.start(config.socket(), List.copyOf(services)));
    }

    /** @return the metrics view (its address is null when not listening) */
    public MetricsView view() {
        return view;
    }

    /** @return the event bus */
    public EventBus bus() {
        return bus;
    }

    /** Blocks until the server stops. @throws InterruptedException if interrupted */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops the sampler, ends every event stream, stops the server and removes its socket. */
    @Override
    public void close() {
        sampler.close();
        view.close();
        bus.close();
        server.close();
    }
}
