package io.berth.monitor;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.berth.common.grpc.UnixChannels;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.events.EventJournal;
import io.berth.monitor.grpc.EngineRunningContainers;
import io.berth.monitor.grpc.EventsService;
import io.berth.monitor.grpc.RequestsService;
import io.berth.monitor.grpc.StatsService;
import io.berth.monitor.stats.CgroupReaders;
import io.berth.monitor.stats.HostCpu;
import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsSampler;
import io.berth.monitor.http.MetricsView;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Guice bindings of monitor-service: the clock, the event bus over its journal in
 * {@code <data-root>/monitor/}, the stats sampler (over the engine's
 * containers and the host's cgroup reader) and the gRPC services it serves.
 */
public final class MonitorModule extends AbstractModule {
    private final MonitorConfig config;
    private final Clock clock;

    /**
     * @param config the command-line settings
     * @param clock the clock events and samples are stamped with
     */
    public MonitorModule(MonitorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(MonitorConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        bind(EventBus.class);
        Multibinder<BindableService> services = Multibinder.newSetBinder(binder(), BindableService.class);
        services.addBinding().to(EventsService.class);
        services.addBinding().to(StatsService.class);
        services.addBinding().to(RequestsService.class);
    }

    /** Bytes per journal segment: two segments, so at most 8 MiB of event history on disk. */
    static final long JOURNAL_SEGMENT_BYTES = 4L << 20;

    /**
     * @return the event journal in {@code <data-root>/monitor/}: segments of {@link EventBus#HISTORY_SIZE}
     *     events or {@value #JOURNAL_SEGMENT_BYTES} bytes, fsync'd every second
     */
    @Provides
    @Singleton
    EventJournal journal() {
        return EventJournal.open(config.dataRoot().resolve("monitor"), EventBus.HISTORY_SIZE, JOURNAL_SEGMENT_BYTES,
                Duration.ofSeconds(1));
    }

    /** @return the engine's running containers; none without {@code --engine-socket} */
    @Provides
    @Singleton
    RunningContainers runningContainers() {
        if (config.engineSocket() == null) {
            return List::of;
        }
        ManagedChannel engine = UnixChannels.connect(config.engineSocket());
        return new EngineRunningContainers(engine);
    }

    /** @return the metrics view over the sampler and the bus (not listening yet) */
    @Provides
    @Singleton
    MetricsView view(StatsSampler sampler, EventBus bus) {
        return new MetricsView(sampler, bus, clock, config.hostRoot(), config.dataRoot());
    }

    /** @return the sampler, reading the cgroup version the host mounts (not yet ticking) */
    @Provides
    @Singleton
    StatsSampler sampler(RunningContainers running) {
        return new StatsSampler(running, CgroupReaders.forHost(config.hostRoot()), new HostCpu(config.hostRoot()),
                clock, config.hostRoot());
    }
}
