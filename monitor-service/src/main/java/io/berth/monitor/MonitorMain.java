package io.berth.monitor;

import io.berth.common.CleanExit;
import io.berth.common.ParentWatchdog;
import io.berth.monitor.http.MetricsAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of monitor-service:
 * {@code io.berth.monitor.MonitorMain --socket <exec-root>/monitor.sock --data-root <data-root>
 * [--engine-socket <exec-root>/engine.sock] [--metrics-addr 127.0.0.1:9323] [--debug]}.
 * Serves {@code berth.monitor.v1.Events} and {@code berth.monitor.v1.Stats} (plus gRPC health and
 * reflection) on the socket and, with {@code --metrics-addr}, the metrics view over HTTP, logs "ready",
 * and on SIGTERM/SIGINT ends every event stream, stops the server and exits 0. Exits by itself when the
 * berthd named by {@code -Dberth.parent.pid} is gone.
 */
@Command(name = "monitor-service", mixinStandardHelpOptions = true,
        description = "berth's monitor service: events (history and live streams) and container stats over gRPC "
                + "on a unix socket.")
public final class MonitorMain implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(MonitorMain.class);

    @Option(names = "--socket", required = true, description = "unix socket to serve gRPC on")
    Path socket;

    @Option(names = "--data-root", required = true, description = "berth's data root")
    Path dataRoot;

    @Option(names = "--engine-socket", description = "the engine's gRPC socket (running containers for stats)")
    Path engineSocket;

    @Option(names = "--metrics-addr", paramLabel = "HOST:PORT", description = "serve the metrics view (the page, "
            + "/metrics, cAdvisor's /api/v1.3) over plain HTTP there; empty (the default) = off")
    String metricsAddr = "";

    @Option(names = "--debug", description = "log at DEBUG level")
    boolean debug;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = new CommandLine(new MonitorMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return the settings parsed from the command line */
    MonitorConfig config() {
        return new MonitorConfig(socket.toAbsolutePath(), dataRoot.toAbsolutePath(), debug,
                engineSocket == null ? null : io.berth.common.grpc.ServiceAddress.absolute(engineSocket), Path.of("/"),
                MetricsAddress.parse(metricsAddr));
    }

    @Override
    public Integer call() throws InterruptedException {
        io.berth.common.settings.SettingsReload.install(); // berthd's settings; SIGHUP reloads them
        if (debug) {
            Configurator.setRootLevel(Level.DEBUG);
        }
        CleanExit.onTermSignals();
        ParentWatchdog.startFromSystemProperty();
        MonitorServer server = MonitorServer.start(config(), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            server.close();
        }, "monitor-shutdown"));
        LOG.info("monitor-service ready on unix://{}", config().socket());
        server.awaitTermination();
        return 0;
    }
}
