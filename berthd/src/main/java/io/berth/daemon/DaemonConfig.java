package io.berth.daemon;

import io.berth.common.net.HostAddress;
import io.berth.common.settings.DaemonSettings;
import io.berth.daemon.config.ConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * berthd's settings, from its command line (dockerd's flags).
 *
 * @param hosts where the gateway serves the Docker Engine API ({@code -H}), at least one
 * @param dataRoot persistent state ({@code --data-root}, default /var/lib/berth)
 * @param execRoot run-time state: sockets, bundles, logs ({@code --exec-root}, default /var/run/berth)
 * @param debug DEBUG logging in berthd and every service ({@code -D})
 * @param storageDriver "overlay2" or "vfs" ({@code --storage-driver})
 * @param pidfile where berthd writes its pid ({@code -p})
 * @param cgroupParent parent cgroup of containers ({@code --cgroup-parent}, default /berth)
 * @param tls the TLS flags for the TCP {@code -H} addresses
 * @param socketGroup {@code --group} for the unix {@code -H} sockets, or null for dockerd's default (docker)
 * @param logDriver containers' default log driver ({@code --log-driver}, default json-file)
 * @param logOpts containers' default log options ({@code --log-opt k=v}, repeatable), passed to the engine
 * @param metricsAddress {@code --metrics-addr}: where monitor-service serves the metrics view (the page,
 *     {@code /metrics}, cAdvisor's {@code /api/v1.3}) over plain HTTP, {@code host:port}; "" = off
 * @param insecureRegistries {@code --insecure-registry} values (registries reached with plain HTTP besides
 *     127.0.0.0/8 and localhost), passed to storage-service
 * @param links the services berthd does not start but dials over TCP with mutual TLS, and the TLS files
 * @param settings what the services read from {@link #settingsFile()} (reloadable on SIGHUP)
 * @param source where the settings came from (the file is read again on SIGHUP)
 * @param bridge {@code --bridge}: the default bridge network's Linux bridge, "" for berth0 (passed to the engine)
 * @param bip {@code --bip}: the default bridge's address/prefix, "" for a probed free subnet (passed to the engine)
 */
public record DaemonConfig(List<HostAddress> hosts, Path dataRoot, Path execRoot, boolean debug,
                           String storageDriver, Path pidfile, Path cgroupParent, TlsFlags tls,
                           String socketGroup, String logDriver, java.util.Map<String, String> logOpts,
                           String metricsAddress, List<String> insecureRegistries, ServiceLinks links,
                           DaemonSettings settings, ConfigSource source, String bridge, String bip) {
    /** Copies the lists and maps; no {@code links}: every service local. */
    public DaemonConfig {
        bridge = bridge == null ? "" : bridge;
        bip = bip == null ? "" : bip;
        logOpts = logOpts == null ? java.util.Map.of() : java.util.Map.copyOf(logOpts);
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        links = links == null ? ServiceLinks.LOCAL : links;
    }

    /** dockerd's documented {@code --metrics-addr}, berth's default. */
    public static final String DEFAULT_METRICS_ADDRESS = "127.0.0.1:9323";

    /**
     * Settings with every service local (the unix sockets under the exec root).
     *
     * @param hosts the {@code -H} addresses
     * @param dataRoot the data root
     * @param execRoot the exec root
     * @param debug {@code -D}
     * @param storageDriver the storage driver
     * @param pidfile the pid file
     * @param cgroupParent the containers' parent cgroup
     * @param tls the TLS flags
     * @param socketGroup the unix sockets' group, or null
     * @param logDriver the default log driver
     * @param logOpts its options
     * @param metricsAddress {@code --metrics-addr}
     * @param insecureRegistries {@code --insecure-registry}
     */
    public DaemonConfig(List<HostAddress> hosts, Path dataRoot, Path execRoot, boolean debug, String storageDriver,
                        Path pidfile, Path cgroupParent, TlsFlags tls, String socketGroup, String logDriver,
                        java.util.Map<String, String> logOpts, String metricsAddress, List<String> insecureRegistries) {
        this(hosts, dataRoot, execRoot, debug, storageDriver, pidfile, cgroupParent, tls, socketGroup, logDriver,
                logOpts, metricsAddress, insecureRegistries, ServiceLinks.LOCAL,
                flagsOnly(debug, logDriver, logOpts, metricsAddress, insecureRegistries), ConfigSource.DEFAULT, "", "");
    }

    private static DaemonSettings flagsOnly(boolean debug, String logDriver, java.util.Map<String, String> logOpts,
                                            String metricsAddress, List<String> insecureRegistries) {
        DaemonSettings d = DaemonSettings.DEFAULTS;
        return new DaemonSettings(debug, d.logLevel(), d.labels(), insecureRegistries == null ? List.of()
                : insecureRegistries, d.registryMirrors(), d.maxConcurrentDownloads(), d.maxConcurrentUploads(),
                d.liveRestore(), d.defaultRuntime(), d.features(), logDriver, logOpts, metricsAddress);
    }

    /**
     * Settings with dockerd's defaults for the log driver (json-file, no options) the metrics address and no insecure registries.
     *
     * @param hosts the {@code -H} addresses
     * @param dataRoot the data root
     * @param execRoot the exec root
     * @param debug {@code -D}
     * @param storageDriver the storage driver
     * @param pidfile the pid file
     * @param cgroupParent the containers' parent cgroup
     * @param tls the TLS flags
     * @param socketGroup the unix sockets' group, or null
     */
    public DaemonConfig(List<HostAddress> hosts, Path dataRoot, Path execRoot, boolean debug, String storageDriver,
                        Path pidfile, Path cgroupParent, TlsFlags tls, String socketGroup) {
        this(hosts, dataRoot, execRoot, debug, storageDriver, pidfile, cgroupParent, tls, socketGroup, "json-file",
                java.util.Map.of(), DEFAULT_METRICS_ADDRESS, List.of());
    }

    /**
     * @param service a service
     * @return where the other services reach it: its {@code tcp://} address if remote, else its socket
     */
    public String address(ServiceKind service) {
        String r = links.remote().get(service);
        return r != null ? r : socket(service).toString();
    }

    /** @return the settings file every service reads, {@code <exec-root>/daemon-settings.json} (mode 0600) */
    public Path settingsFile() {
        return execRoot.resolve("daemon-settings.json");
    }

    /** @return the lock file that keeps a second berthd off this data root */
    public Path lockFile() {
        return dataRoot.resolve("berthd.lock");
    }

    /**
     * @param service a service
     * @return its gRPC socket, {@code <exec-root>/<name>.sock}
     */
    public Path socket(ServiceKind service) {
        return execRoot.resolve(service.shortName() + ".sock");
    }

    /** @return the directory of the services' logs, {@code <exec-root>/logs} */
    public Path logDir() {
        return execRoot.resolve("logs");
    }

    /**
     * @param service a service
     * @return where its stdout and stderr go, {@code <exec-root>/logs/<service>.log}
     */
    public Path logFile(ServiceKind service) {
        return logDir().resolve(service.processName() + ".log");
    }

    /** @return the first unix {@code -H} socket, if any */
    public Optional<HostAddress> firstUnixHost() {
        return hosts.stream().filter(HostAddress::isUnix).findFirst();
    }

    /**
     * @return the gateway's own socket, {@code <exec-root>/gateway.sock} (mode 0600): it serves the API to berthd
     *     (readiness: {@code GET /_ping}) whatever {@code -H} says, so a TCP-only or TLS-only daemon is probed the
     *     same way
     */
    public HostAddress gatewayInternalSocket() {
        return HostAddress.parse("unix://" + socket(ServiceKind.GATEWAY));
    }
}
