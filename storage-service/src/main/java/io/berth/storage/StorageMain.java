package io.berth.storage;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.berth.common.CleanExit;
import io.berth.common.ParentWatchdog;
import io.berth.common.events.EventPublisher;
import io.berth.common.grpc.UnixGrpcServer;
import io.berth.storage.image.StoreRecovery;
import io.berth.storage.snapshot.StorageDriver;
import io.grpc.BindableService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * storage-service's entry point, as berthd launches it:
 * {@code io.berth.storage.StorageMain --socket <exec-root>/storage.sock --data-root <data-root>
 * --storage-driver <overlay2|vfs|btrfs> --events-socket <exec-root>/monitor.sock [--debug]}.
 * Builds the Guice graph ({@link StorageModule}), runs the image store's recovery ({@link StoreRecovery}:
 * leftovers of an interrupted load or delete), then serves berth.storage.v1 Images and Snapshots (plus gRPC
 * health and reflection) on the socket, logs "ready", and on SIGTERM/SIGINT stops serving, closes the driver and exits 0.
 */
@Command(name = "storage-service", mixinStandardHelpOptions = true,
        description = "berth storage service: image store and storage drivers (berth.storage.v1)")
public final class StorageMain implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(StorageMain.class);

    @Option(names = "--socket", required = true, description = "unix socket to serve gRPC on")
    private Path socket;

    @Option(names = "--data-root", defaultValue = "/var/lib/berth", description = "daemon data root (default: ${DEFAULT-VALUE})")
    private Path dataRoot;

    @Option(names = "--storage-driver", defaultValue = "overlay2", description = "overlay2, vfs or btrfs (default: ${DEFAULT-VALUE}); devicemapper, aufs and zfs are refused with the reason")
    private String driver;

    @Option(names = "--events-socket", description = "monitor-service socket to publish events to")
    private Path eventsSocket;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]|CIDR",
            description = "registry reached with plain HTTP (repeatable; 127.0.0.0/8 and localhost always are)")
    private List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--max-layer-size", paramLabel = "SIZE", defaultValue = "0",
            converter = SizeConverter.class,
            description = "most uncompressed bytes one layer may have (e.g. 10g; 0 = no maximum: half the data "
                    + "root's free space)")
    private long maxLayerSize;

    /** picocli converter for {@code --max-layer-size}: go-units sizes ({@link io.berth.common.settings.ByteSize}). */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return io.berth.common.settings.ByteSize.parse(value);
        }
    }

    @Option(names = {"-D", "--debug"}, description = "log at debug level")
    private boolean debug;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new StorageMain()).execute(args));
    }

    /**
     * Runs the service until it is stopped.
     *
     * @return the exit code: 0 after a clean shutdown
     * @throws InterruptedException if interrupted while serving
     */
    @Override
    public Integer call() throws InterruptedException {
        io.berth.common.settings.SettingsReload.install(); // berthd's settings; SIGHUP reloads them
        if (debug) {
            Configurator.setLevel("io.berth", Level.DEBUG);
        }
        StorageOptions options = new StorageOptions(socket.toAbsolutePath(), dataRoot.toAbsolutePath(), driver,
                eventsSocket == null ? null : io.berth.common.grpc.ServiceAddress.absolute(eventsSocket),
                insecureRegistries, maxLayerSize);
        Injector injector = Guice.createInjector(new StorageModule(options));
        StorageDriver storageDriver = injector.getInstance(StorageDriver.class);
        injector.getInstance(StoreRecovery.class).recover();
        Set<BindableService> services = injector.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }));
        UnixGrpcServer server = UnixGrpcServer.start(options.socket(), new ArrayList<>(services));
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                LOG.info("shutting down");
                server.close();
                storageDriver.close();
                injector.getInstance(EventPublisher.class).close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "storage-shutdown"));
        CleanExit.onTermSignals();
        ParentWatchdog.startFromSystemProperty();
        LOG.info("storage-service ready on {} (driver {}, data root {})", options.socket(), storageDriver.name(),
                options.dataRoot());
        server.awaitTermination();
        return 0;
    }
}
