package io.berth.monitor;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.berth.common.grpc.UnixGrpcServer;
import io.berth.monitor.events.EventBus;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** The running monitor: its event bus and the gRPC server on its unix socket. */
public final class MonitorServer implements AutoCloseable {
    private final EventBus bus;
    private final UnixGrpcServer server;

    private MonitorServer(EventBus bus, UnixGrpcServer server) {
        this.bus = bus;
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
        Set<BindableService> services = injector.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }));
        return new MonitorServer(bus, UnixGrpcServer.start(config.socket(), List.copyOf(services)));
    }

    /** @return the event bus */
    public EventBus bus() {
        return bus;
    }

    /** Blocks until the server stops. @throws InterruptedException if interrupted */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Ends every event stream, stops the server and removes its socket. */
    @Override
    public void close() {
        bus.close();
        server.close();
    }
}
