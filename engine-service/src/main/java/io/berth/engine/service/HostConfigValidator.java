package io.berth.engine.service;

import com.google.common.net.InetAddresses;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.container.BindSpec;
import io.berth.engine.container.HostConfig;
import io.berth.engine.container.MountPaths;
import io.berth.engine.container.MountSpec;
import io.berth.engine.runtime.Capabilities;
import io.berth.engine.runtime.TmpfsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a create request's HostConfig before anything is reserved or written (Docker's
 * {@code POST /containers/create}, Engine API 1.41), with dockerd 20.10's messages where it has them (moby
 * daemon/daemon_unix.go {@code verifyPlatformContainerResources}, volume/mounts/linux_parser.go,
 * oci/caps/utils.go). A bad value is an {@link InvalidArgumentException} (400); what berth cannot do yet is a
 * {@link NotImplementedException} (501): named and anonymous volumes, restart policies, joining another
 * container's network, user-defined networks, {@code host-gateway}. CPU limits are in {@link CpuLimits}.
 */
public final class HostConfigValidator {
    /** The error for a Binds entry or Mount naming a volume. */
    public static final String NAMED_VOLUMES = "berth does not support named volumes yet";
    /** Network modes berth runs: its own network namespace (loopback only for now) or the host's. */
    static final Set<String> NETWORK_MODES = Set.of("", "default", "bridge", "none", "host");
    private static final Set<String> RESTART_POLICIES = Set.of("always", "unless-stopped", "on-failure");
    private static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private HostConfigValidator() {
    }

    /**
     * @param hc the request's host config (null = defaults, nothing to check)
     * @throws InvalidArgumentException for a malformed value
     * @throws NotImplementedException for something berth does not do yet
     */
    public static void validate(HostConfig hc) {
        if (hc == null) {
            return;
        }
        network(hc.networkMode());
        restartPolicy(hc.restartPolicy(), hc.restartMaxRetries());
        mounts(hc);
        Capabilities.normalize(hc.capAdd());
        Capabilities.normalize(hc.capDrop());
        CpuLimits.validate(hc);
        ulimits(hc.ulimits());
        dns(hc);
    }

    /**
     * @param mode NetworkMode
     * @throws NotImplementedException for "container:&lt;id&gt;" and user-defined networks
     */
    static void network(String mode) {
        if (NETWORK_MODES.contains(mode)) {
            return;
        }
        if (mode.startsWith("container:")) {
            throw new NotImplementedException("berth does not support sharing another container's network yet"
                    + " (--network " + mode + ")");
        }
        throw new NotImplementedException("berth does not support user-defined networks yet (network \"" + mode
                + "\"); use --network none, bridge or host");
    }

    /**
     * dockerd's checks of RestartPolicy (moby runconfig and daemon {@code validateRestartPolicy}).
     *
     * @param name the policy name
     * @param maxRetries MaximumRetryCount
     * @throws InvalidArgumentException for an unknown name or a retry count it cannot have
     * @throws NotImplementedException for "always", "unless-stopped" and "on-failure"
     */
    static void restartPolicy(String name, int maxRetries) {
        if (maxRetries < 0) {
            throw new InvalidArgumentException("maximum retry count cannot be negative");
        }
        if (name.isEmpty() || name.equals("no")) {
            if (maxRetries != 0) {
                throw new InvalidArgumentException("maximum retry count cannot be used with restart policy '"
                        + name + "'");
            }
            return;
        }
        if (!RESTART_POLICIES.contains(name)) {
            throw new InvalidArgumentException("invalid restart policy '" + name + "'");
        }
        throw new NotImplementedException("berth does not support restart policies yet (--restart " + name + ")");
    }

    private static void mounts(HostConfig hc) {
        Set<String> destinations = new HashSet<>();
        for (String raw : hc.binds()) {
            BindSpec b = BindSpec.parse(raw);
            if (!b.isHostPath()) {
                throw new NotImplementedException(b.source().isEmpty()
                        ? "berth does not support anonymous volumes yet (" + raw + ")" : NAMED_VOLUMES);
            }
            unique(destinations, b.destination());
        }
        for (MountSpec m : hc.mounts()) {
            unique(destinations, mount(m));
        }
        for (Map.Entry<String, String> t : hc.tmpfs().entrySet()) {
            unique(destinations, MountPaths.checkTarget("tmpfs", t.getKey(), ""));
            TmpfsOptions.merge(t.getValue());
        }
    }

    /** @return the cleaned target of a bind or tmpfs Mount */
    private static String mount(MountSpec m) {
        String prefix = "invalid mount config for type \"" + m.type() + "\": ";
        switch (m.type()) {
            case "volume" -> throw new NotImplementedException(NAMED_VOLUMES);
            case "bind" -> {
                String target = MountPaths.checkTarget("bind", m.target(), "");
                if (m.source().isEmpty()) {
                    throw new InvalidArgumentException(prefix + "field Source must not be empty");
                }
                if (!m.source().startsWith("/")) {
                    throw new InvalidArgumentException(prefix + "invalid mount path: '" + m.source()
                            + "' mount path must be absolute");
                }
                if (!m.propagation().isEmpty() && !BindSpec.PROPAGATIONS.contains(m.propagation())) {
                    throw new InvalidArgumentException(prefix + "invalid propagation mode: " + m.propagation());
                }
                if (!Files.exists(Path.of(m.source()))) {
                    throw new InvalidArgumentException(prefix + "bind source path does not exist: " + m.source());
                }
                return target;
            }
            case "tmpfs" -> {
                String target = MountPaths.checkTarget("tmpfs", m.target(), "");
                if (!m.source().isEmpty()) {
                    throw new InvalidArgumentException(prefix + "field Source must not be specified");
                }
                if (m.tmpfsSizeBytes() < 0) {
                    throw new InvalidArgumentException(prefix + "invalid tmpfs size: " + m.tmpfsSizeBytes());
                }
                return target;
            }
            default -> throw new InvalidArgumentException(prefix + "mount type unknown");
        }
    }

    private static void unique(Set<String> destinations, String destination) {
        if (!destinations.add(destination)) {
            throw new InvalidArgumentException("Duplicate mount point: " + destination);
        }
    }

    private static void ulimits(List<HostConfig.Ulimit> ulimits) {
        for (HostConfig.Ulimit u : ulimits) {
            if (!ULIMITS.contains(u.name())) {
                throw new InvalidArgumentException("invalid ulimit type: " + u.name());
            }
            if (u.soft() >= 0 && u.hard() >= 0 && u.soft() > u.hard()) {
                throw new InvalidArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                        + u.soft() + " > " + u.hard());
            }
        }
    }

    private static void dns(HostConfig hc) {
        for (String ns : hc.dns()) {
            if (!InetAddresses.isInetAddress(ns)) {
                throw new InvalidArgumentException(ns + " is not an ip address");
            }
        }
        for (String e : hc.extraHosts()) {
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new InvalidArgumentException("bad format for add-host: \"" + e + "\"");
            }
            String ip = e.substring(colon + 1);
            if (ip.equals("host-gateway")) {
                throw new NotImplementedException("berth does not support host-gateway in --add-host yet"
                        + " (needs container networking)");
            }
            if (!InetAddresses.isInetAddress(ip)) {
                throw new InvalidArgumentException("invalid IP address in add-host: \"" + ip + "\"");
            }
        }
    }
}
