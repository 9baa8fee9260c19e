package io.berth.monitor;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.grpc.EventsService;
import io.grpc.BindableService;
import java.time.Clock;

/** Guice bindings of monitor-service: the clock, the event bus and the gRPC services it serves. */
public final class MonitorModule extends AbstractModule {
    private final MonitorConfig config;
    private final Clock clock;

    /**
     * @param config the command-line settings
     * @param clock the clock events are stamped with
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
    }
}
