package io.berth.daemon;

import io.berth.common.net.HostAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The four services berthd runs, in start order, each a JVM with its own main class and the command
 * line of the contract (see README "berthd"). {@link #args} builds the service's own flags.
 */
public enum ServiceKind {
    /** Events; first, because storage and engine publish to it. */
    MONITOR("monitor", "io.berth.monitor.MonitorMain"),
    /** Images and snapshots. */
    STORAGE("storage", "io.berth.storage.StorageMain"),
    /** Containers; needs storage and monitor. */
    ENGINE("engine", "io.berth.engine.EngineMain"),
    /** The Docker Engine API; needs the other three. Ready when {@code GET /_ping} answers OK. */
    GATEWAY("gateway", "io.berth.gateway.GatewayMain");

    private final String shortName;
    private final String mainClass;

    ServiceKind(String shortName, String mainClass) {
        this.shortName = shortName;
        this.mainClass = mainClass;
    }

    /** @return "monitor", "storage", "engine" or "gateway" (the socket is {@code <short>.sock}) */
    public String shortName() {
        return shortName;
    }

    /** @return the process name: "monitor-service", ..., "api-gateway" (the log is {@code <name>.log}) */
    public String processName() {
        return this == GATEWAY ? "api-gateway" : shortName + "-service";
    }

    /** @return the fully qualified main class */
    public String mainClass() {
        return mainClass;
    }

    /** @return true if readiness is a gRPC health check on its socket (all but the gateway) */
    public boolean servesGrpc() {
        return this != GATEWAY;
    }

    /**
     * @param c berthd's settings
     * @return the service's flags, exactly as the process contract gives them
     */
    public List<String> args(DaemonConfig c) {
        List<String> a = new ArrayList<>();
        String monitor = c.address(MONITOR);
        String storage = c.address(STORAGE);
        String engine = c.address(ENGINE);
        switch (this) {
            case MONITOR -> a.addAll(List.of("--socket", monitor, "--data-root", c.dataRoot().toString(),
                    "--engine-socket", engine, "--metrics-addr", c.metricsAddress()));
            case STORAGE -> {
                a.addAll(List.of("--socket", storage, "--data-root", c.dataRoot().toString(),
                        "--storage-driver", c.storageDriver(), "--events-socket", monitor));
                c.insecureRegistries().forEach(r -> a.addAll(List.of("--insecure-registry", r)));
            }
            case ENGINE -> {
                a.addAll(List.of("--socket", engine, "--data-root", c.dataRoot().toString(),
                        "--exec-root", c.execRoot().toString(), "--storage-socket", storage,
                        "--events-socket", monitor, "--cgroup-parent", c.cgroupParent().toString(),
                        "--log-driver", c.logDriver()));
                new java.util.TreeMap<>(c.logOpts()).forEach((k, v) -> a.addAll(List.of("--log-opt", k + "=" + v)));
                if (!c.bridge().isEmpty()) {
                    a.addAll(List.of("--bridge", c.bridge()));
                }
                if (!c.bip().isEmpty()) {
                    a.addAll(List.of("--bip", c.bip()));
                }
            }
            case GATEWAY -> {
                c.hosts().forEach(h -> a.addAll(List.of("-H", h.spec())));
                a.addAll(List.of("--engine-socket", engine, "--storage-socket", storage, "--monitor-socket", monitor,
                        "--data-root", c.dataRoot().toString(), "--exec-root", c.execRoot().toString(),
                        "--internal-socket", c.socket(GATEWAY).toString(), "--log-driver", c.logDriver()));
                a.addAll(c.tls().gatewayArgs());
                if (c.hosts().stream().anyMatch(HostAddress::isFd)) {
                    // The gateway copies the fd:// sockets out of berthd (InheritedSockets.copyFrom).
                    a.addAll(List.of("--fd-pid", Long.toString(ProcessHandle.current().pid())));
                }
                if (c.socketGroup() != null) {
                    a.addAll(List.of("--group", c.socketGroup()));
                }
            }
            default -> throw new IllegalStateException(name());
        }
        if (c.debug()) {
            a.add("--debug");
        }
        return a;
    }
}
