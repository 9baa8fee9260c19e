package io.berth.gateway;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.berth.gateway.grpc.GatewayChannels;
import io.berth.gateway.grpc.MonitorRequestTimings;
import io.berth.gateway.http.RequestTimings;
import io.berth.gateway.host.EventsListeners;
import io.berth.gateway.host.HostFacts;
import io.berth.gateway.host.SystemFactsProbe;
import io.berth.gateway.http.Router;
import io.berth.gateway.router.containers.ArchivesBackend;
import io.berth.gateway.router.containers.ContainerArchiveRouter;
import io.berth.gateway.router.containers.ContainerFilesystemRouter;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainerCommitRouter;
import io.berth.gateway.router.containers.ContainerLifecycleRouter;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.containers.GrpcLifecycleBackend;
import io.berth.gateway.router.containers.LifecycleBackend;
import io.berth.gateway.router.containers.GrpcArchivesBackend;
import io.berth.gateway.router.containers.GrpcContainersBackend;
import io.berth.gateway.router.containers.ContainerStatsRouter;
import io.berth.gateway.router.containers.GrpcSnapshotsBackend;
import io.berth.gateway.router.containers.GrpcStatsBackend;
import io.berth.gateway.router.containers.StatsBackend;
import io.berth.gateway.router.containers.SnapshotsBackend;
import io.berth.gateway.router.events.EventsBackend;
import io.berth.gateway.router.exec.ExecBackend;
import io.berth.gateway.router.exec.ExecRouter;
import io.berth.gateway.router.exec.GrpcExecBackend;
import io.berth.gateway.router.events.EventsRouter;
import io.berth.gateway.router.events.GrpcEventsBackend;
import io.berth.gateway.router.images.GrpcImagesBackend;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.images.ImagesRouter;
import io.berth.gateway.router.registry.DistributionBackend;
import io.berth.gateway.router.registry.GrpcDistributionBackend;
import io.berth.gateway.router.registry.RegistryRouter;
import io.berth.proto.storage.v1.DistributionGrpc;
import io.berth.gateway.router.system.DiskUsageBackend;
import io.berth.gateway.router.system.DiskUsageRouter;
import io.berth.gateway.router.system.GrpcDiskUsageBackend;
import io.berth.gateway.router.system.GrpcSystemBackend;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.gateway.router.unimplemented.UnimplementedRouter;
import io.berth.gateway.router.networks.GrpcNetworksBackend;
import io.berth.gateway.router.networks.NetworksBackend;
import io.berth.gateway.router.volumes.GrpcVolumesBackend;
import io.berth.gateway.router.volumes.VolumesBackend;
import io.berth.gateway.router.networks.NetworksRouter;
import io.berth.gateway.router.volumes.VolumesRouter;
import io.berth.proto.engine.v1.ArchivesGrpc;
import io.berth.proto.engine.v1.ContainerLifecycleGrpc;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.ExecsGrpc;
import io.berth.proto.engine.v1.VolumesGrpc;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.StatsGrpc;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.grpc.health.v1.HealthGrpc;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Guice bindings of the gateway: the options, the gRPC channels and stubs to the three services, each
 * router's backend over those stubs, and the routers themselves (a multibinder the
 * {@link io.berth.gateway.http.RouteTable} collects), the table of known but unimplemented endpoints
 * ({@link UnimplementedRouter}) last.
 */
public final class GatewayModule extends AbstractModule {
    private final GatewayOptions options;

    /** @param options the gateway's configuration */
    public GatewayModule(GatewayOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(GatewayOptions.class).toInstance(options);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(EventsListeners.class).toInstance(new EventsListeners());
        bind(SystemBackend.class).to(GrpcSystemBackend.class);
        bind(DiskUsageBackend.class).to(GrpcDiskUsageBackend.class);
        bind(EventsBackend.class).to(GrpcEventsBackend.class);
        bind(RequestTimings.class).to(MonitorRequestTimings.class);
        bind(ImagesBackend.class).to(GrpcImagesBackend.class);
        bind(DistributionBackend.class).to(GrpcDistributionBackend.class);
        bind(ContainersBackend.class).to(GrpcContainersBackend.class);
        bind(LifecycleBackend.class).to(GrpcLifecycleBackend.class);
        bind(SnapshotsBackend.class).to(GrpcSnapshotsBackend.class);
        bind(StatsBackend.class).to(GrpcStatsBackend.class);
        bind(ExecBackend.class).to(GrpcExecBackend.class);
        bind(VolumesBackend.class).to(GrpcVolumesBackend.class);
        bind(NetworksBackend.class).to(GrpcNetworksBackend.class);
        bind(ArchivesBackend.class).to(GrpcArchivesBackend.class);
        Multibinder<Router> routers = Multibinder.newSetBinder(binder(), Router.class);
        routers.addBinding().to(SystemRouter.class);
        routers.addBinding().to(DiskUsageRouter.class);
        routers.addBinding().to(EventsRouter.class);
        routers.addBinding().to(ImagesRouter.class);
        routers.addBinding().to(RegistryRouter.class);
        routers.addBinding().to(ContainersRouter.class);
        routers.addBinding().to(ContainerLifecycleRouter.class);
        routers.addBinding().to(ContainerCommitRouter.class);
        routers.addBinding().to(ContainerStreamsRouter.class);
        routers.addBinding().to(ContainerFilesystemRouter.class);
        routers.addBinding().to(ContainerStatsRouter.class);
        routers.addBinding().to(ExecRouter.class);
        routers.addBinding().to(ContainerArchiveRouter.class);
        routers.addBinding().to(VolumesRouter.class);
        routers.addBinding().to(NetworksRouter.class);
        routers.addBinding().to(UnimplementedRouter.class);
    }

    /** @return the host's and the gateway's facts, read from "/" and the {@code --debug} flag */
    @Provides
    @Singleton
    SystemFactsProbe systemFacts(EventsListeners listeners) {
        return new SystemFactsProbe(new HostFacts(Path.of("/")), listeners, options.debug(), options.logDriver(),
                io.berth.gateway.types.system.InfoWarnings.api(options.hosts(), options.tls()));
    }

    /** @return the channels to engine, storage and monitor (lazily connected) */
    @Provides
    @Singleton
    GatewayChannels channels() {
        return GatewayChannels.connect(options.engineSocket(), options.storageSocket(), options.monitorSocket());
    }

    /** @return berth.engine.v1.Containers, blocking */
    @Provides
    ContainersGrpc.ContainersBlockingStub containersBlocking(GatewayChannels c) {
        return ContainersGrpc.newBlockingStub(c.engine());
    }

    /** @return berth.engine.v1.ContainerLifecycle, blocking */
    @Provides
    ContainerLifecycleGrpc.ContainerLifecycleBlockingStub lifecycleBlocking(GatewayChannels c) {
        return ContainerLifecycleGrpc.newBlockingStub(c.engine());
    }

    /** @return berth.engine.v1.Containers, async */
    @Provides
    ContainersGrpc.ContainersStub containersAsync(GatewayChannels c) {
        return ContainersGrpc.newStub(c.engine());
    }

    /** @return the engine's blocking Volumes stub */
    @Provides
    VolumesGrpc.VolumesBlockingStub volumesBlocking(GatewayChannels c) {
        return VolumesGrpc.newBlockingStub(c.engine());
    }

    /** @return the engine's blocking Networks stub */
    @Provides
    io.berth.proto.engine.v1.NetworksGrpc.NetworksBlockingStub networksBlocking(GatewayChannels c) {
        return io.berth.proto.engine.v1.NetworksGrpc.newBlockingStub(c.engine());
    }

    /** @return the engine's blocking Execs stub */
    @Provides
    ExecsGrpc.ExecsBlockingStub execsBlocking(GatewayChannels c) {
        return ExecsGrpc.newBlockingStub(c.engine());
    }

    /** @return the engine's async Execs stub (the exec start stream) */
    @Provides
    ExecsGrpc.ExecsStub execsAsync(GatewayChannels c) {
        return ExecsGrpc.newStub(c.engine());
    }

    /** @return berth.engine.v1.Archives, blocking */
    @Provides
    ArchivesGrpc.ArchivesBlockingStub archivesBlocking(GatewayChannels c) {
        return ArchivesGrpc.newBlockingStub(c.engine());
    }

    /** @return berth.engine.v1.Archives, async */
    @Provides
    ArchivesGrpc.ArchivesStub archivesAsync(GatewayChannels c) {
        return ArchivesGrpc.newStub(c.engine());
    }

    /** @return berth.storage.v1.Images, blocking */
    @Provides
    ImagesGrpc.ImagesBlockingStub imagesBlocking(GatewayChannels c) {
        return ImagesGrpc.newBlockingStub(c.storage());
    }

    /** @return berth.storage.v1.Images, async */
    @Provides
    ImagesGrpc.ImagesStub imagesAsync(GatewayChannels c) {
        return ImagesGrpc.newStub(c.storage());
    }

    /** @return berth.storage.v1.Distribution, blocking */
    @Provides
    DistributionGrpc.DistributionBlockingStub distributionBlocking(GatewayChannels c) {
        return DistributionGrpc.newBlockingStub(c.storage());
    }

    /** @return berth.storage.v1.Distribution, async (pull and push streams) */
    @Provides
    DistributionGrpc.DistributionStub distributionAsync(GatewayChannels c) {
        return DistributionGrpc.newStub(c.storage());
    }

    /** @return berth.storage.v1.Snapshots, blocking */
    @Provides
    SnapshotsGrpc.SnapshotsBlockingStub snapshotsBlocking(GatewayChannels c) {
        return SnapshotsGrpc.newBlockingStub(c.storage());
    }

    /** @return berth.storage.v1.Snapshots, async */
    @Provides
    SnapshotsGrpc.SnapshotsStub snapshotsAsync(GatewayChannels c) {
        return SnapshotsGrpc.newStub(c.storage());
    }

    /** @return berth.monitor.v1.Stats, async */
    @Provides
    StatsGrpc.StatsStub statsAsync(GatewayChannels c) {
        return StatsGrpc.newStub(c.monitor());
    }

    /** @return grpc.health.v1.Health of the monitor service */
    @Provides
    @Named("monitor")
    HealthGrpc.HealthBlockingStub monitorHealth(GatewayChannels c) {
        return HealthGrpc.newBlockingStub(c.monitor());
    }

    /** @return berth.monitor.v1.Events, async */
    @Provides
    EventsGrpc.EventsStub events(GatewayChannels c) {
        return EventsGrpc.newStub(c.monitor());
    }
}
