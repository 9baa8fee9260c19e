package io.berth.engine;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import io.berth.common.CleanExit;
import io.berth.common.ParentWatchdog;
import io.berth.common.grpc.UnixGrpcServer;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.config.LogDefaults;
import io.berth.common.logs.LogOptions;
import io.berth.engine.network.BridgeSettings;
import io.berth.engine.grpc.ArchivesGrpcService;
import io.berth.engine.grpc.VolumesGrpcService;
import io.berth.engine.grpc.NetworksGrpcService;
import io.berth.engine.grpc.ContainersGrpcService;
import io.berth.engine.grpc.ExecsGrpcService;
import io.berth.engine.grpc.LifecycleGrpcService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Main class of the engine service process (berthd launches it). Serves berth.engine.v1 Containers, Execs, Archives, Volumes, Networks and Lifecycle on
 * {@code --socket} (plus gRPC health and reflection), logs "ready", and on SIGTERM/SIGINT stops every
 * running container, unmounts every rootfs it mounted and exits 0.
 */
@Command(name = "engine-service", mixinStandardHelpOptions = true,
        description = "berth engine service: containers with runc under conmon (berth.engine.v1)")
public final class EngineMain implements Callable<Integer> {
    static {
        // Log4j's own shutdown hook would stop logging while ours still stops containers; ours ends it.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
    }

    private static final Logger LOG = LogManager.getLogger(EngineMain.class);

    @Option(names = "--socket", required = true, description = "unix socket to serve gRPC on")
    Path socket;
    @Option(names = "--data-root", required = true, description = "persistent state, e.g. /var/lib/berth")
    Path dataRoot;
    @Option(names = "--exec-root", required = true, description = "runtime state, e.g. /var/run/berth")
    Path execRoot;
    @Option(names = "--storage-socket", required = true, description = "storage service socket")
    Path storageSocket;
    @Option(names = "--events-socket", required = true, description = "monitor service socket")
    Path eventsSocket;
    @Option(names = "--cgroup-parent", defaultValue = "/berth", description = "parent cgroup (default: ${DEFAULT-VALUE})")
    String cgroupParent;
    @Option(names = "--runc", defaultValue = "/usr/sbin/runc", description = "runc binary (default: ${DEFAULT-VALUE})")
    Path runc;
    @Option(names = "--conmon", defaultValue = "/usr/bin/conmon", description = "conmon binary (default: ${DEFAULT-VALUE})")
    Path conmon;
    @Option(names = {"-D", "--debug"}, description = "debug logging")
    boolean debug;
    @Option(names = "--log-driver", defaultValue = "json-file",
            description = "default log driver of containers: json-file or none (default: ${DEFAULT-VALUE})")
    String logDriver;
    @Option(names = "--bridge", defaultValue = "",
            description = "Linux bridge of the default bridge network (default: berth0)")
    String bridge;
    @Option(names = "--bip", defaultValue = "",
            description = "the default bridge's address and prefix, e.g. 172.18.0.1/16 (default: a free private subnet)")
    String bip;
    @Option(names = "--log-opt", paramLabel = "KEY=VALUE",
            description = "default log option of containers (repeatable), e.g. max-size=10m")
    Map<String, String> logOpts = new LinkedHashMap<>();

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        int rc = new CommandLine(new EngineMain()).execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    @Override
    public Integer call() throws Exception {
        io.berth.common.settings.SettingsReload.install(); // berthd's settings; SIGHUP reloads them
        if (debug) {
            Configurator.setRootLevel(Level.DEBUG);
            Configurator.setLevel("io.grpc", Level.INFO);
            Configurator.setLevel("io.netty", Level.INFO);
        }
        EngineConfig config = new EngineConfig(dataRoot, execRoot, cgroupParent, runc, conmon);
        LogOptions.parse(logDriver, logOpts); // dockerd refuses to start with a bad default too
        Injector injector = Guice.createInjector(new EngineModule(config, storageSocket, eventsSocket,
                new LogDefaults(logDriver, logOpts), new BridgeSettings(bridge, bip)));
        Engine engine = injector.getInstance(Engine.class);
        engine.start();
        UnixGrpcServer server = UnixGrpcServer.start(socket,
                List.<BindableService>of(injector.getInstance(ContainersGrpcService.class),
                        injector.getInstance(ExecsGrpcService.class),
                        injector.getInstance(ArchivesGrpcService.class),
                        injector.getInstance(VolumesGrpcService.class),
                        injector.getInstance(NetworksGrpcService.class),
                        injector.getInstance(LifecycleGrpcService.class)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(injector, engine, server), "engine-shutdown"));
        CleanExit.onTermSignals();
        ParentWatchdog.startFromSystemProperty();
        LOG.info("engine service ready on {}", socket);
        server.awaitTermination();
        return 0;
    }

    private static void shutdown(Injector injector, Engine engine, UnixGrpcServer server) {
        engine.stop();
        server.close();
        ManagedChannel storage = injector.getInstance(Key.get(ManagedChannel.class, Names.named("storage")));
        storage.shutdown();
        try {
            storage.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("engine service stopped");
        LogManager.shutdown();
    }
}
