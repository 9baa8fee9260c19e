package io.berth.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.events.EventPublisher;
import io.berth.common.events.MonitorEventPublisher;
import io.berth.common.storage.StorageDriverNames;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.LocalContentStore;
import io.berth.storage.grpc.DistributionService;
import io.berth.storage.grpc.ImagesService;
import io.berth.storage.grpc.SnapshotsService;
import io.berth.storage.image.ImageIndex;
import io.berth.storage.registry.RegistryClients;
import io.berth.storage.registry.RegistrySettings;
import io.berth.storage.snapshot.Snapshotter;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.StorageDriverFactory;
import io.berth.storage.snapshot.btrfs.BtrfsSnapshotter;
import io.berth.storage.snapshot.overlay.OverlaySnapshotter;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.grpc.BindableService;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Guice bindings of storage-service: the storage drivers keyed by Docker's names (a MapBinder, the role
 * of Docker's graphdriver registry), the one driver {@link StorageOptions#driver()} selects (also bound as
 * the {@link Snapshotter} the image store uses), the content store, the image index, the event publisher
 * and the gRPC services. The image store's other collaborators ({@code ImageLoader}, {@code LayerUnpacker},
 * {@code ImageDeleter}, {@code LayerCollector}, {@code ImageEvents}, {@code StoreRecovery}) are
 * just-in-time bindings of their {@code @Inject} constructors, all singletons. Building the graph only
 * opens the content store, the driver and the index; {@code StoreRecovery.recover()} is the explicit start
 * step ({@code StorageMain} runs it before serving).
 */
public final class StorageModule extends AbstractModule {
    private final StorageOptions options;

    /** @param options the service's configuration */
    public StorageModule(StorageOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(StorageOptions.class).toInstance(options);
        bind(StorageLayout.class).toInstance(new StorageLayout(options.dataRoot()));
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Snapshotter.class).to(StorageDriver.class);
        MapBinder<String, StorageDriverFactory> drivers =
                MapBinder.newMapBinder(binder(), String.class, StorageDriverFactory.class);
        drivers.addBinding(OverlaySnapshotter.NAME).toInstance(OverlaySnapshotter::new);
        drivers.addBinding(VfsSnapshotter.NAME).toInstance(VfsSnapshotter::new);
        drivers.addBinding(BtrfsSnapshotter.NAME).toInstance(BtrfsSnapshotter::new);
        Multibinder<BindableService> services = Multibinder.newSetBinder(binder(), BindableService.class);
        services.addBinding().to(ImagesService.class);
        services.addBinding().to(SnapshotsService.class);
        services.addBinding().to(DistributionService.class);
    }

    /**
     * @return the driver named by {@code --storage-driver}, opened on {@code <data-root>/storage/<name>}
     * @throws InvalidArgumentException for an unknown or refused driver name (devicemapper, aufs, zfs: with
     *     the reason), or when the data root holds another driver's layers (dockerd would not see those
     *     images; the message names both drivers)
     */
    @Provides
    @Singleton
    StorageDriver storageDriver(Map<String, StorageDriverFactory> drivers, StorageLayout layout) {
        StorageDriverFactory f = drivers.get(options.driver());
        if (f == null) {
            throw new InvalidArgumentException(StorageDriverNames.refusal(options.driver())
                    .orElse("unknown storage driver \"" + options.driver() + "\" (supported: "
                            + String.join(", ", new TreeSet<>(drivers.keySet())) + ")"));
        }
        for (String other : new TreeSet<>(drivers.keySet())) {
            if (!other.equals(options.driver()) && holdsSnapshots(layout.driverRoot(other))) {
                throw new InvalidArgumentException("storage driver " + options.driver() + " was asked for, but the "
                        + "data root " + options.dataRoot() + " holds images and containers of storage driver "
                        + other + " (" + layout.driverRoot(other) + "): start with --storage-driver " + other
                        + ", or give another --data-root (or remove those images first)");
            }
        }
        return f.open(layout.driverRoot(options.driver()));
    }

    /** @return true if a driver root has any snapshot directory (a layer or a container's layer) */
    private static boolean holdsSnapshots(Path driverRoot) {
        Path snapshots = driverRoot.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return false;
        }
        try (Stream<Path> s = Files.list(snapshots)) {
            return s.anyMatch(p -> p.getFileName().toString().chars().allMatch(Character::isDigit));
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the content store under {@code <data-root>/storage/content} */
    @Provides
    @Singleton
    ContentStore contentStore(StorageLayout layout) {
        return new LocalContentStore(layout.content());
    }

    /** @return the image and tag metadata, {@code <data-root>/storage/images/index.json} (read, not created) */
    @Provides
    @Singleton
    ImageIndex imageIndex(StorageLayout layout) {
        return ImageIndex.open(layout.imageIndex());
    }

    /** @return each stored layer's uncompressed bound: {@code --max-layer-size}, else half the free space */
    @Provides
    @Singleton
    io.berth.storage.diff.LayerSizeBound layerSizeBound() {
        return new io.berth.storage.diff.LayerSizeBound(options.dataRoot(), options.maxLayerSize());
    }

    /** @return max-concurrent-downloads from berthd's settings (reloaded on SIGHUP), else dockerd's default 3 */
    @Provides
    @Singleton
    io.berth.storage.image.DownloadLimit downloadLimit() {
        return new io.berth.storage.image.DownloadLimit(() -> io.berth.common.settings.SettingsReload.installed()
                ? io.berth.common.settings.SettingsReload.current().maxConcurrentDownloads()
                : io.berth.common.settings.DaemonSettings.DEFAULT_MAX_CONCURRENT_DOWNLOADS);
    }

    /**
     * @return the registry sessions' factory: {@code --insecure-registry} and the daemon settings' insecure
     *     registries and mirrors at start, the settings' ones after each reload (SIGHUP)
     */
    @Provides
    @Singleton
    RegistryClients registryClients() {
        return RegistrySettings.follow(options.insecureRegistries());
    }

    /** @return a publisher to the monitor, or one that drops events when no socket is configured */
    @Provides
    @Singleton
    EventPublisher eventPublisher() {
        return options.eventsSocket() == null ? EventPublisher.NOOP
                : new MonitorEventPublisher(options.eventsSocket());
    }
}
