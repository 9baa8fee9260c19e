package io.berth.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.berth.common.events.EventPublisher;
import io.berth.common.events.MonitorEventPublisher;
import io.berth.common.grpc.ServiceChannels;
import io.berth.engine.client.GrpcImageResolver;
import io.berth.engine.client.GrpcLayerSizes;
import io.berth.engine.client.GrpcSnapshotClient;
import io.berth.engine.runtime.OomCheck;
import io.berth.engine.client.LayerSizes;
import io.berth.engine.client.ImageResolver;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.config.LogDefaults;
import io.berth.engine.network.BridgeSettings;
import io.berth.engine.network.ContainerNetworks;
import io.berth.engine.network.StoredNetworkCatalog;
import io.berth.engine.network.NetworkCatalog;
import io.berth.engine.network.NetworkPlumbing;
import io.berth.engine.network.cni.CniPlumbing;
import io.berth.engine.runtime.RunNetwork;
import io.grpc.ManagedChannel;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Guice bindings of the engine service: its settings (the default bridge's {@code --bridge}/{@code --bip}
 * included), the clock, the clients of the storage service (images, snapshots) over a unix-socket gRPC channel,
 * common's publisher of events to the monitor, and the network: {@link NetworkPlumbing} is {@link CniPlumbing}
 * (Debian's CNI plugins), {@link NetworkCatalog} the default bridge and the user networks of the {@code /networks}
 * API ({@link StoredNetworkCatalog}), and the runs' network release ({@link RunNetwork}) is
 * {@link ContainerNetworks}. Everything else is constructor-injected singletons.
 */
public final class EngineModule extends AbstractModule {
    private final EngineConfig config;
    private final LogDefaults logDefaults;
    private final Path storageSocket;
    private final Path eventsSocket;
    private final BridgeSettings bridge;

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
        this(config, storageSocket, eventsSocket, logDefaults, BridgeSettings.defaults());
    }

    /**
     * @param config the engine's settings
     * @param storageSocket the storage service's socket
     * @param eventsSocket the monitor service's socket
     * @param logDefaults the daemon's default log driver and options
     * @param bridge the default bridge's flags ({@code --bridge}, {@code --bip})
     */
    public EngineModule(EngineConfig config, Path storageSocket, Path eventsSocket, LogDefaults logDefaults,
                        BridgeSettings bridge) {
        this.bridge = bridge;
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
        bind(BridgeSettings.class).toInstance(bridge);
        bind(NetworkPlumbing.class).to(CniPlumbing.class);
        bind(NetworkCatalog.class).to(StoredNetworkCatalog.class);
        bind(RunNetwork.class).to(ContainerNetworks.class);
    }

    /** @return the channel to the storage service */
    @Provides
    @Singleton
    @Named("storage")
    ManagedChannel storageChannel() {
        return ServiceChannels.connect(storageSocket.toString(), "storage-service");
    }

    /** @return the publisher of events to the monitor service (it owns its channel; {@link Engine#stop} closes it) */
    @Provides
    @Singleton
    EventPublisher eventPublisher() {
        return new MonitorEventPublisher(eventsSocket);
    }
}
