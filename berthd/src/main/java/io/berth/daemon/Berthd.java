package io.berth.daemon;

import io.berth.common.CleanExit;
import io.berth.common.net.HostAddress;
import io.berth.common.storage.StorageDriverNames;
import io.berth.common.sys.Sys;
import io.berth.daemon.cds.CdsArchiveBuilder;
import io.berth.daemon.cds.CdsRecording;
import io.berth.daemon.config.ConfigFile;
import io.berth.daemon.config.ConfigFileException;
import io.berth.daemon.config.ConfigKey;
import io.berth.daemon.config.ConfigSource;
import io.berth.daemon.config.FileSettings;
import io.berth.daemon.config.SettingsMerge;
import io.berth.common.settings.DaemonSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * berthd, the berth daemon: {@code bin/berthd [-H unix:///path.sock]... [--data-root DIR] [--exec-root DIR]
 * [-D] [--storage-driver overlay2|vfs|btrfs] [-p FILE] [--cgroup-parent PATH] [--metrics-addr HOST:PORT]}, dockerd's
 * flags. Starts monitor,
 * storage, engine and the gateway as separate JVMs (see {@link ServiceKind}), supervises them, and stops
 * them in order on SIGTERM/SIGINT, exiting 0. Exits 1 if another berthd holds the data root, if a service
 * cannot start, or if one keeps crashing.
 */
@Command(name = "berthd", mixinStandardHelpOptions = true, versionProvider = Berthd.Version.class,
        description = "The berth daemon: serves the Docker Engine API and runs containers.")
public final class Berthd implements Callable<Integer> {
    /** Default data root. */
    public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/berth");
    /** Default exec root. */
    public static final Path DEFAULT_EXEC_ROOT = Path.of("/var/run/berth");
    /** Default pid file (with the default exec root; see {@link #config()}). */
    public static final Path DEFAULT_PIDFILE = Path.of("/var/run/berthd.pid");

    private static final Logger LOG = LogManager.getLogger(Berthd.class);
    /** How long after start-up a berthd without a current CDS archive makes one. */
    private static final Duration CDS_SETTLE = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "ADDR",
            description = "Daemon socket(s) to serve the Docker API on, repeatable: unix:///path, tcp://host:port "
                    + "(2375, or 2376 with TLS, when no port is given); only tcp:// given means no unix socket "
                    + "(default: " + HostAddress.DEFAULT + ")")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--data-root", paramLabel = "DIR", description = "Root of persistent state (default: /var/lib/berth)")
    Path dataRoot = DEFAULT_DATA_ROOT;

    @Option(names = "--exec-root", paramLabel = "DIR",
            description = "Root of run-time state: sockets, bundles, logs (default: /var/run/berth)")
    Path execRoot = DEFAULT_EXEC_ROOT;

    @Option(names = {"-D", "--debug"}, description = "Enable debug logging in berthd and every service")
    boolean debug;

    @Option(names = "--storage-driver", paramLabel = "NAME", description = "Storage driver: overlay2 (default), vfs, "
            + "or btrfs (the data root must be on btrfs); devicemapper, aufs, zfs and overlay are refused "
            + "(deprecated in Docker or not in this kernel)")
    String storageDriver = "overlay2";

    @Option(names = {"-p", "--pidfile"}, paramLabel = "FILE",
            description = "Path of the pid file (default: /var/run/berthd.pid; <exec-root>/berthd.pid with a "
                    + "non-default --exec-root)")
    Path pidfile;

    @Option(names = "--cgroup-parent", paramLabel = "PATH", description = "Parent cgroup of containers (default: /berth)")
    Path cgroupParent = Path.of("/berth");

    @Option(names = {"-b", "--bridge"}, paramLabel = "NAME",
            description = "Linux bridge of the default bridge network (default: berth0, made when first needed)")
    String bridge = "";

    @Option(names = "--bip", paramLabel = "CIDR", description = "The default bridge's address and prefix, "
            + "e.g. 172.18.0.1/16 (default: a free private subnet, never docker0's 172.17.0.0/16)")
    String bip = "";

    @Option(names = "--log-driver", paramLabel = "DRIVER",
            description = "Default log driver of containers: json-file or none (default: json-file)")
    String logDriver = "json-file";

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE",
            description = "Default log option of containers, repeatable (e.g. max-size=10m, max-file=3)")
    java.util.Map<String, String> logOpts = new java.util.LinkedHashMap<>();

    @Option(names = {"-G", "--group"}, paramLabel = "NAME", description = "Group for the unix socket(s) "
            + "(default: docker, when that group exists; \"\" for root only)")
    String group;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]|CIDR",
            description = "Registry to reach with plain HTTP, as dockerd (repeatable; 127.0.0.0/8 and localhost "
                    + "always are)")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--tls", description = "Use TLS on the tcp:// -H addresses; implied by --tlsverify")
    boolean tls;

    @Option(names = "--tlsverify", description = "Use TLS and verify the remote (clients need a certificate "
            + "signed by --tlscacert)")
    boolean tlsVerify = System.getenv("DOCKER_TLS_VERIFY") != null && !System.getenv("DOCKER_TLS_VERIFY").isEmpty();

    @Option(names = "--tlscacert", paramLabel = "FILE", description = "Trust certs signed only by this CA "
            + "(default: ~/.docker/ca.pem, or $DOCKER_CERT_PATH/ca.pem)")
    Path tlsCaCert;

    @Option(names = "--tlscert", paramLabel = "FILE", description = "Path to TLS certificate file "
            + "(default: ~/.docker/cert.pem)")
    Path tlsCert;

    @Option(names = "--tlskey", paramLabel = "FILE", description = "Path to TLS key file (default: ~/.docker/key.pem)")
    Path tlsKey;

    @Option(names = "--engine-addr", paramLabel = "tcp://HOST:PORT", description = "Use the engine-service "
            + "at this address (mutual TLS, --service-tls*) instead of starting one")
    String engineAddr;

    @Option(names = "--storage-addr", paramLabel = "tcp://HOST:PORT", description = "Use the storage-service "
            + "at this address (mutual TLS; it must share this host's --data-root) instead of starting one")
    String storageAddr;

    @Option(names = "--monitor-addr", paramLabel = "tcp://HOST:PORT", description = "Use the monitor-service "
            + "at this address (mutual TLS) instead of starting one")
    String monitorAddr;

    @Option(names = "--service-tlscacert", paramLabel = "FILE", description = "CA of the services' certificates "
            + "(needed with any --*-addr)")
    Path serviceTlsCaCert;

    @Option(names = "--service-tlscert", paramLabel = "FILE", description = "Certificate the services present "
            + "to each other")
    Path serviceTlsCert;

    @Option(names = "--service-tlskey", paramLabel = "FILE", description = "Key of --service-tlscert")
    Path serviceTlsKey;

    @Option(names = "--service-tls-peer", paramLabel = "NAME", description = "A certificate name (CN or "
            + "subject alternative name) a service accepts from callers over TCP (repeatable; default: any "
            + "certificate of --service-tlscacert)")
    List<String> serviceTlsPeers = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE", description = "Daemon configuration file, dockerd's "
            + "daemon.json keys (default: /etc/berth/daemon.json; a missing default file is fine)")
    Path configFile;

    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL", description = "Logging level: debug, info, warn, "
            + "error, fatal (default: info)")
    String logLevel;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Daemon label, repeatable (docker info)")
    List<String> labels;

    @Option(names = "--registry-mirror", paramLabel = "URL", description = "Preferred Docker registry mirror, repeatable")
    List<String> registryMirrors;

    @Option(names = "--live-restore", description = "Keep containers alive while the daemon is down (shown, not yet "
            + "honoured by berth)")
    boolean liveRestore;

    @Option(names = "--default-ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Default ulimit of containers, "
            + "repeatable (kept, not yet applied)")
    List<String> defaultUlimits;

    @Option(names = "--metrics-addr", paramLabel = "HOST:PORT", description = "Where monitor-service serves the "
            + "metrics view over plain HTTP: the page (/), Prometheus /metrics, cAdvisor's /api/v1.3 "
            + "(default: " + DaemonConfig.DEFAULT_METRICS_ADDRESS + "; \"\" = off)")
    String metricsAddr = DaemonConfig.DEFAULT_METRICS_ADDRESS;

    @Option(names = "--default-runtime", paramLabel = "NAME", description = "Default OCI runtime (runc)")
    String defaultRuntime;

    @Option(names = "--max-concurrent-downloads", paramLabel = "N", description = "Parallel layer downloads per "
            + "pull (default: 3)")
    Integer maxConcurrentDownloads;

    @Option(names = "--max-concurrent-uploads", paramLabel = "N", description = "Parallel layer uploads per push "
            + "(default: 5)")
    Integer maxConcurrentUploads;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Berthd()).execute(args));
    }

    /**
     * @return the settings the flags and the configuration file give
     * @throws ParameterException if a flag value is invalid
     * @throws ConfigRefusal if the configuration file is refused (dockerd's texts; berthd exits 1)
     */
    DaemonConfig config() {
        FileSettings flags;
        try {
            flags = FlagSettings.of(this, spec.commandLine().getParseResult());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path file = configFile != null ? configFile.toAbsolutePath() : ConfigFile.DEFAULT;
        FileSettings fromFile;
        DaemonSettings settings;
        try {
            fromFile = ConfigFile.read(file, configFile != null, FileSettings.goValues(flags));
        } catch (ConfigFileException e) {
            throw new ConfigRefusal(e.getMessage());
        }
        FileSettings given = FileSettings.union(flags, fromFile);
        try {
            settings = SettingsMerge.initial(given);
        } catch (IllegalArgumentException e) {
            throw new ConfigRefusal(e.getMessage());
        }
        boolean useTls = given.bool(ConfigKey.TLS).orElse(false);
        boolean verify = given.bool(ConfigKey.TLS_VERIFY).orElse(tlsVerify); // default: $DOCKER_TLS_VERIFY
        List<String> hostSpecs = given.strings(ConfigKey.HOSTS).orElse(List.of());
        List<HostAddress> parsed = new ArrayList<>();
        try {
            (hostSpecs.isEmpty() ? List.of(HostAddress.DEFAULT) : hostSpecs)
                    .forEach(h -> parsed.add(HostAddress.parse(h, useTls || verify)));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // fd:// (systemd socket activation): fd:// and fd://N become the fd://N of each passed socket, resolved
        // here with sd_listen_fds' rules (LISTEN_PID must be berthd's pid); the gateway copies each one out of
        // berthd (--fd-pid, pidfd_getfd), since the JDK closes descriptors above 2 in the services it starts.
        List<HostAddress> fdHosts = parsed.stream().filter(HostAddress::isFd).toList();
        if (!fdHosts.isEmpty()) {
            List<Integer> fds;
            try {
                fds = io.berth.common.net.InheritedSockets.select(fdHosts, io.berth.common.net.InheritedSockets
                        .listenFds(System.getenv(), ProcessHandle.current().pid()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "failed to load listeners: " + e.getMessage());
            }
            int at = parsed.indexOf(fdHosts.get(0));
            parsed.removeIf(HostAddress::isFd);
            parsed.addAll(at, fds.stream().map(n -> HostAddress.parse("fd://" + n)).toList());
        }
        String driver = given.string(ConfigKey.STORAGE_DRIVER).orElse("overlay2");
        StorageDriverNames.check(driver).ifPresent(error -> {
            throw new ParameterException(spec.commandLine(), error);
        });
        Path data = given.string(ConfigKey.DATA_ROOT).map(Path::of).orElse(DEFAULT_DATA_ROOT).toAbsolutePath().normalize();
        Path exec = given.string(ConfigKey.EXEC_ROOT).map(Path::of).orElse(DEFAULT_EXEC_ROOT).toAbsolutePath().normalize();
        Path pid = given.string(ConfigKey.PIDFILE).map(p -> Path.of(p).toAbsolutePath())
                .orElse(exec.equals(DEFAULT_EXEC_ROOT) ? DEFAULT_PIDFILE : exec.resolve("berthd.pid"));
        Path certDir = TlsFlags.defaultCertDir(System.getenv(), Path.of(System.getProperty("user.home")));
        TlsFlags tlsFlags = useTls || verify
                ? new TlsFlags(true, verify, orDefault(given.string(ConfigKey.TLS_CA_CERT), certDir, "ca.pem"),
                        orDefault(given.string(ConfigKey.TLS_CERT), certDir, "cert.pem"),
                        orDefault(given.string(ConfigKey.TLS_KEY), certDir, "key.pem"))
                : TlsFlags.OFF;
        String metrics = given.string(ConfigKey.METRICS_ADDR).orElse(DaemonConfig.DEFAULT_METRICS_ADDRESS);
        if (!metrics.isEmpty() && metrics.lastIndexOf(':') < 0) {
            throw new ParameterException(spec.commandLine(), "invalid --metrics-addr " + metrics + ": want host:port");
        }
        return new DaemonConfig(List.copyOf(parsed), data, exec, settings.debug(), driver, pid,
                given.string(ConfigKey.CGROUP_PARENT).map(Path::of).orElse(Path.of("/berth")), tlsFlags,
                given.string(ConfigKey.GROUP).orElse(null), settings.logDriver(), settings.logOpts(), metrics,
                settings.insecureRegistries(), serviceLinks(), settings, new ConfigSource(file, configFile != null, flags),
                given.string(ConfigKey.BRIDGE).orElse(""), given.string(ConfigKey.BIP).orElse(""));
    }

    /** @return the remote services and the services' TLS files, checked */
    ServiceLinks serviceLinks() {
        java.util.Map<ServiceKind, String> remote = new java.util.EnumMap<>(ServiceKind.class);
        String[][] given = {{"--engine-addr", engineAddr}, {"--storage-addr", storageAddr},
            {"--monitor-addr", monitorAddr}};
        ServiceKind[] kinds = {ServiceKind.ENGINE, ServiceKind.STORAGE, ServiceKind.MONITOR};
        for (int i = 0; i < kinds.length; i++) {
            String a = given[i][1];
            if (a == null || a.isEmpty()) {
                continue;
            }
            try {
                if (!io.berth.common.grpc.ServiceAddress.parse(a).isTcp()) {
                    throw new IllegalArgumentException("want tcp://host:port");
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid " + given[i][0] + " " + a + ": "
                        + e.getMessage());
            }
            remote.put(kinds[i], a);
        }
        boolean anyTls = serviceTlsCaCert != null || serviceTlsCert != null || serviceTlsKey != null;
        if (anyTls && (serviceTlsCaCert == null || serviceTlsCert == null || serviceTlsKey == null)) {
            throw new ParameterException(spec.commandLine(),
                    "--service-tlscacert, --service-tlscert and --service-tlskey go together");
        }
        if (!remote.isEmpty() && !anyTls) {
            throw new ParameterException(spec.commandLine(), "a remote service (" + remote.values()
                    + ") needs --service-tlscacert, --service-tlscert and --service-tlskey");
        }
        if (remote.isEmpty() && !anyTls) {
            return ServiceLinks.LOCAL;
        }
        return new ServiceLinks(remote, serviceTlsCaCert.toAbsolutePath(), serviceTlsCert.toAbsolutePath(),
                serviceTlsKey.toAbsolutePath(), serviceTlsPeers);
    }

    private static Path orDefault(java.util.Optional<String> given, Path dir, String name) {
        return given.map(Path::of).orElse(dir.resolve(name)).toAbsolutePath();
    }

    /** A configuration file berthd refuses: the message is printed as is and berthd exits 1, as dockerd. */
    static final class ConfigRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigRefusal(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws IOException {
        DaemonConfig config;
        try {
            config = config();
        } catch (ConfigRefusal e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (config.debug()) {
            Configurator.setRootLevel(Level.DEBUG);
        }
        if (!Sys.isRoot()) {
            System.err.println("berthd: needs to be started with root privileges");
            return 1;
        }
        CleanExit.onTermSignals();
        JvmLauncher jvm = JvmLauncher.current();
        CdsRecording cds = cdsRecording(jvm);
        Daemon daemon = new Daemon(config, jvm.parentPid(), Daemon.jvmLauncher(config, jvm),
                cds == null ? () -> { } : cds::servicesReady, cds == null ? () -> { } : cds::servicesStopped);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::shutdown, "berthd-shutdown"));
        int code = daemon.run();
        daemon.shutdown();
        return code;
    }

    /**
     * Logs which class-data sharing the JVMs use, and if the archive is missing or stale, returns what makes it.
     *
     * @param jvm the launcher
     * @return the recording that makes the archive, or null if it is current or cannot be made here
     */
    private static CdsRecording cdsRecording(JvmLauncher jvm) {
        if (jvm.cds() == null) {
            LOG.info("class-data sharing: JDK default only (class path {} is not one directory of jars)",
                    jvm.classPath());
            return null;
        }
        if (jvm.cdsCurrent()) {
            LOG.info("class-data sharing: the services map {}", jvm.cds().archive());
            return null;
        }
        if (!Files.isWritable(jvm.cds().archive().getParent())) {
            LOG.info("class-data sharing: JDK default only ({} is missing or stale, and its directory is not "
                    + "writable)", jvm.cds().archive());
            return null;
        }
        LOG.info("class-data sharing: {} is missing or stale; recording class lists to make it",
                jvm.cds().archive());
        return new CdsRecording(new CdsArchiveBuilder(jvm.cds(), jvm.javaBinary(), jvm.parentPid()), CDS_SETTLE);
    }

    /** {@code --version}: the version of the berthd jar (Maven's pom.properties), as "berthd version 0.1.0". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"berthd version " + version()};
        }

        static String version() {
            try (InputStream in = Berthd.class.getResourceAsStream("/META-INF/maven/io.berth/berthd/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    // Without "-SNAPSHOT", the way the gateway reports the server's version.
                    return p.getProperty("version", "dev").replace("-SNAPSHOT", "");
                }
            } catch (IOException e) {
                // fall through
            }
            return "dev";
        }
    }
}
