package io.berth.gateway;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.berth.common.CleanExit;
import io.berth.common.ParentWatchdog;
import io.berth.common.net.HostAddress;
import io.berth.gateway.tls.InsecureListenerWarning;
import io.berth.gateway.tls.TlsContexts;
import io.berth.gateway.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.berth.common.grpc.ServiceAddress;
import io.berth.common.net.UnixSocketProbe;
import io.berth.gateway.grpc.MonitorRequestTimings;
import io.berth.gateway.grpc.GatewayChannels;
import io.berth.gateway.http.GatewayServer;
import io.berth.gateway.http.WorkerPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The api-gateway process: serves the Docker Engine API 1.41 on the {@code -H} unix sockets and translates
 * each call into gRPC calls to the engine, storage and monitor services. Command line (as berthd launches
 * it): {@code io.berth.gateway.GatewayMain -H unix:///path/to.sock [-H ...] --engine-socket <exec-root>/engine.sock
 * --storage-socket <exec-root>/storage.sock --monitor-socket <exec-root>/monitor.sock --data-root <dir>
 * --exec-root <dir> [--debug]}. Binds the sockets once the three services answer on theirs (see
 * {@link #awaitBackends}), and logs "ready" once every socket is bound; on SIGTERM/SIGINT closes the
 * listeners, removes the socket files and exits 0. Exit status 1 if a socket cannot be bound or a flag is
 * bad (e.g. {@code tcp://} is not supported yet).
 */
@Command(name = "berth-gateway", mixinStandardHelpOptions = true,
        description = "Serves the Docker Engine API (1.41) on unix sockets and TCP (with TLS) and translates it to berth's gRPC services.")
public final class GatewayMain implements Callable<Integer> {
    static {
        // Our shutdown hook logs until the end and then stops Log4j itself (Log4j's own hook would race it).
        System.setProperty("log4j.shutdownHookEnabled", "false");
    }

    private static final Logger LOG = LogManager.getLogger(GatewayMain.class);

    @Option(names = {"-H", "--host"}, description = "Listen address, repeatable (default unix:///var/run/docker.sock).")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--engine-socket", required = true, description = "engine-service gRPC socket, or tcp://host:port (mutual TLS).")
    private Path engineSocket;

    @Option(names = "--storage-socket", required = true, description = "storage-service gRPC socket, or tcp://host:port (mutual TLS).")
    private Path storageSocket;

    @Option(names = "--monitor-socket", required = true, description = "monitor-service gRPC socket, or tcp://host:port (mutual TLS).")
    private Path monitorSocket;

    @Option(names = "--data-root", defaultValue = "/var/lib/berth", description = "Data root (default ${DEFAULT-VALUE}).")
    private Path dataRoot;

    @Option(names = "--exec-root", defaultValue = "/var/run/berth", description = "Exec root (default ${DEFAULT-VALUE}).")
    private Path execRoot;

    @Option(names = {"-D", "--debug"}, description = "Debug logging.")
    private boolean debug;

    @Option(names = "--log-driver", defaultValue = "json-file", description = "The daemon's default log driver of "
            + "containers, as docker info shows it (default ${DEFAULT-VALUE}).")
    private String logDriver;

    @Option(names = "--tls", description = "Serve the TCP addresses with TLS (implied by --tlsverify).")
    private boolean tls;

    @Option(names = "--tlsverify", description = "Serve the TCP addresses with TLS and require client certificates "
            + "signed by --tlscacert.")
    private boolean tlsVerify;

    @Option(names = "--tlscacert", description = "CA certificate (PEM) for client certificates.")
    private Path tlsCaCert;

    @Option(names = "--tlscert", description = "Server certificate (PEM).")
    private Path tlsCert;

    @Option(names = "--tlskey", description = "Server private key (PEM).")
    private Path tlsKey;

    @Option(names = {"-G", "--group"}, description = "Group of the unix sockets (default docker, when it exists; "
            + "empty: root only).")
    private String group;

    @Option(names = "--fd-pid", description = "The process (berthd) holding the -H fd://N sockets systemd passed; "
            + "the gateway copies them with pidfd_getfd(2).")
    private long fdPid;

    @Option(names = "--internal-socket", description = "A unix socket (mode 0600) that serves the API to berthd "
            + "alone, whatever -H says (default <exec-root>/gateway.sock; empty for none).")
    private String internalSocket;

    /** How long the gateway waits for the services behind it before it serves anyway. */
    private static final Duration BACKEND_WAIT = Duration.ofSeconds(60);

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        int rc = new CommandLine(new GatewayMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof io.berth.common.errors.BerthException) {
                        LOG.error("berth-gateway: {}", e.getMessage());
                    } else {
                        LOG.error("berth-gateway: {}", e.getMessage(), e);
                    }
                    cmd.getErr().println("berth-gateway: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        io.berth.common.settings.SettingsReload.install(); // berthd's settings; SIGHUP reloads them
        if (debug) {
            Configurator.setRootLevel(Level.DEBUG);
        }
        TlsSettings tlsSettings = tls || tlsVerify
                ? new TlsSettings(true, tlsVerify, tlsCaCert, tlsCert, tlsKey) : TlsSettings.OFF;
        List<HostAddress> addresses = new ArrayList<>();
        for (String h : hosts.isEmpty() ? List.of(HostAddress.DEFAULT) : hosts) {
            HostAddress a = HostAddress.parse(h, tlsSettings.enabled());
            addresses.add(a);
        }
        SslContext sslContext = tlsSettings.enabled() ? TlsContexts.server(tlsSettings) : null;
        Path internal = internalSocket == null ? execRoot.resolve("gateway.sock")
                : internalSocket.isEmpty() ? null : Path.of(internalSocket);
        GatewayOptions options = new GatewayOptions(addresses, tlsSettings, engineSocket, storageSocket,
                monitorSocket, dataRoot, execRoot, debug, logDriver);
        Injector injector = Guice.createInjector(new GatewayModule(options));
        GatewayServer server = injector.getInstance(GatewayServer.class);
        io.berth.common.events.MonitorEventPublisher daemonEvents = new io.berth.common.events.MonitorEventPublisher(
                injector.getInstance(GatewayChannels.class).monitor(), java.time.Clock.systemUTC());
        new io.berth.gateway.daemon.ReloadEvents(daemonEvents,
                () -> new io.berth.gateway.host.HostFacts(Path.of("/")).hostname(),
                dataRoot.toAbsolutePath().normalize().toString(), java.time.Clock.systemUTC()).install();
        CleanExit.onTermSignals();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(injector, server), "gateway-shutdown"));
        awaitBackends();
        server.socketGroup(group == null ? "docker" : group, group != null);
        server.inheritFrom(fdPid);
        server.start(addresses, sslContext);
        if (internal != null) {
            server.startPrivate(internal.toAbsolutePath()); // last: berthd's readiness probe
        }
        ParentWatchdog.startFromSystemProperty();
        InsecureListenerWarning.start(addresses, tlsSettings);
        LOG.info("ready: Docker Engine API {} on {}", io.berth.gateway.http.ResponseHeaders.API_VERSION, addresses);
        stopped.await();
        return 0;
    }

    /**
     * berthd starts the gateway together with the services behind it (berthd's {@code Supervisor}): the
     * {@code -H} sockets are bound only once the monitor, storage and engine sockets answer, so that
     * {@code GET /_ping} answering still means the whole daemon is ready. After {@link #BACKEND_WAIT} the
     * gateway serves anyway (its calls then fail as UNAVAILABLE until the services are up).
     */
    private void awaitBackends() throws InterruptedException {
        // a service at tcp:// (another host) is not waited for: its channel connects on the first call
        List<Path> backends = java.util.stream.Stream.of(monitorSocket, storageSocket, engineSocket)
                .filter(p -> !ServiceAddress.parse(p.toString()).isTcp()).toList();
        if (!UnixSocketProbe.awaitAll(backends, BACKEND_WAIT)) {
            LOG.warn("not every service answers after {} s ({}); serving anyway", BACKEND_WAIT.toSeconds(), backends);
        }
    }

    private void shutdown(Injector injector, GatewayServer server) {
        LOG.info("shutting down");
        server.close();
        injector.getInstance(WorkerPool.class).close();
        injector.getInstance(MonitorRequestTimings.class).close();
        injector.getInstance(GatewayChannels.class).close();
        stopped.countDown();
        LOG.info("stopped");
        LogManager.shutdown();
    }
}
