package io.berth.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.berth.common.events.EventPublisher;
import io.berth.common.events.MonitorEventPublisher;
import io.berth.common.grpc.UnixChannels;
import io.berth.engine.client.GrpcImageResolver;
import io.berth.engine.client.GrpcLayerSizes;
import io.berth.engine.client.GrpcSnapshotClient;
import io.berth.engine.runtime.OomCheck;
import io.berth.engine.client.LayerSizes;
import io.berth.engine.client.ImageResolver;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.config.LogDefaults;
import io.grpc.ManagedChannel;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Guice bindings of the engine service: its settings, the clock, and the clients of the storage service
 * (images, snapshots) over a unix-socket gRPC channel, and common's publisher of events to the monitor.
 * Everything else is constructor-injected singletons.
 */
public final class EngineModule extends AbstractModule {
    private final EngineConfig config;
    private final LogDefaults logDefaults;
    private final Path storageSocket;
    private final Path eventsSocket;

    /**
     * @param config the engine's settings
     * @param storageSocket the storage service's socket
     * @param eventsSocket the monitor service's socket
     */
    public EngineModule(EngineConfig config, Path storageSocket, Path eventsSocket) {
        this(config, storageSocket, eventsSocket, new LogDefaults());
    }

    /**
     * @param config the engine's settings
     * @param storageSocket the storage service's socket
     * @param eventsSocket the monitor service's socket
     * @param logDefaults the daemon's default log driver and options
     */
    public EngineModule(EngineConfig config, Path storageSocket, Path eventsSocket, LogDefaults logDefaults) {
        this.logDefaults = logDefaults;
        this.config = config;
        this.storageSocket = storageSocket;
        this.eventsSocket = eventsSocket;
    }

    @Override
    protected void configure() {
        bind(EngineConfig.class).toInstance(config);
        bind(LogDefaults.class).toInstance(logDefaults);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(ImageResolver.class).to(GrpcImageResolver.class);
        bind(SnapshotClient.class).to(GrpcSnapshotClient.class);
        bind(OomCheck.class).toInstance(OomCheck.host());
        bind(LayerSizes.class).to(GrpcLayerSizes.class);
    }

    /** @return the channel to the storage service */
    @Provides
    @Singleton
    @Named("storage")
    ManagedChannel storageChannel() {
        return UnixChannels.connect(storageSocket);
    }

    /** @return the publisher of events to the monitor service (it owns its channel; {@link Engine#stop} closes it) */
    @Provides
    @Singleton
    EventPublisher eventPublisher() {
        return new MonitorEventPublisher(eventsSocket);
    }
}
