package io.berth.engine.service;

import com.google.common.net.InetAddresses;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.container.BindSpec;
import io.berth.common.logs.LogOptions;
import io.berth.engine.container.MountPaths;
import io.berth.engine.runtime.Capabilities;
import io.berth.engine.runtime.TmpfsOptions;
import io.berth.engine.volume.LocalMounts;
import io.berth.engine.volume.VolumeNames;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a create request's HostConfig before anything is reserved or written (Docker's
 * {@code POST /containers/create}, Engine API 1.41), with dockerd 20.10's messages where it has them (moby
 * daemon/daemon_unix.go {@code verifyPlatformContainerResources}, volume/mounts/linux_parser.go,
 * oci/caps/utils.go). A bad value is an {@link InvalidArgumentException} (400); what berth cannot do yet is a
 * {@link NotImplementedException} (501): user-defined networks, {@code host-gateway}. NetworkMode
 * "container:&lt;x&gt;" is checked as dockerd's runconfig {@code validateNetContainerMode} (with
 * {@link #containerNetwork}; the hostname and MAC address conflicts are the creator's, which has the Config). CPU and memory limits are checked as
 * dockerd 20.10 does (daemon_unix.go {@code verifyPlatformContainerResources}): NanoCpus excludes CpuPeriod
 * and CpuQuota and is at most the number of CPUs; CpuPeriod is 1000–1000000 µs; CpuQuota is at least 1000 µs;
 * CpusetCpus/CpusetMems are lists like "0-2,4" of online CPUs / memory nodes; Memory is at least 6 MB. The
 * other create options are checked by {@link CreateOptionChecks}, called from here.
 *
 * <p>The one place where the engine checks a HostConfig: a new field that needs a check gets it here.
 */
public final class HostConfigValidator {
    /** Network modes berth runs besides "container:&lt;x&gt;": its own namespace (none, default bridge) or the host's. */
    static final Set<String> NETWORK_MODES = Set.of("", "default", "bridge", "none", "host");
    private static final Set<String> RESTART_POLICIES = Set.of("always", "unless-stopped", "on-failure");
    /** dockerd's smallest memory limit, 6 MiB. */
    public static final long MIN_MEMORY = 6L * 1024 * 1024;
    private static final Pattern CPU_LIST = Pattern.compile("^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$");
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
        network(hc.getNetworkMode());
        containerNetwork(hc);
        restartPolicy(hc.getRestartPolicy(), hc.getRestartMaxRetries());
        if (hc.getAutoRemove() && !hc.getRestartPolicy().isEmpty() && !hc.getRestartPolicy().equals("no")) {
            throw new InvalidArgumentException("can't create 'AutoRemove' container with restart policy");
        }
        logConfig(hc.getLogDriver(), hc.getLogOptionsMap());
        mounts(hc);
        Capabilities.normalize(hc.getCapAddList());
        Capabilities.normalize(hc.getCapDropList());
        cpuLimits(hc, Runtime.getRuntime().availableProcessors(), online("/sys/devices/system/cpu/online"),
                online("/sys/devices/system/node/online"));
        ulimits(hc.getUlimitsList());
        dns(hc);
        CreateOptionChecks.check(hc);
    }

    /**
     * @param mode NetworkMode; a user network's name is checked by {@code NetworkService.checkCreate}
     * @throws InvalidArgumentException for "container:" without a name (dockerd's text)
     */
    static void network(String mode) {
        if (NETWORK_MODES.contains(mode)) {
            return;
        }
        if (mode.startsWith("container:")) {
            if (mode.length() == "container:".length()) {
                throw new InvalidArgumentException("Invalid network mode: invalid container format"
                        + " container:<name|id>");
            }
            return;
        }
    }

    /**
     * dockerd 20.10's conflicts of NetworkMode "container:&lt;x&gt;" with options that need a network of the
     * container's own (runconfig/hostconfig_unix.go {@code validateNetContainerMode}, texts of runconfig/errors.go).
     *
     * @param hc the host config
     * @throws InvalidArgumentException "conflicting options: dns and the network mode", "conflicting options:
     *     custom host-to-IP mapping and the network mode"
     */
    static void containerNetwork(HostConfig hc) {
        if (!hc.getNetworkMode().startsWith("container:")) {
            return;
        }
        if (hc.getDnsCount() > 0) {
            throw new InvalidArgumentException("conflicting options: dns and the network mode");
        }
        if (hc.getExtraHostsCount() > 0) {
            throw new InvalidArgumentException("conflicting options: custom host-to-IP mapping and the network mode");
        }
    }

    /**
     * dockerd 20.10's checks of RestartPolicy (daemon/container.go {@code validateRestartPolicy}).
     *
     * @param name the policy name
     * @param maxRetries MaximumRetryCount
     * @throws InvalidArgumentException for an unknown name or a retry count it cannot have
     */
    static void restartPolicy(String name, int maxRetries) {
        switch (name) {
            case "" -> { }
            case "no", "always", "unless-stopped" -> {
                if (maxRetries != 0) {
                    throw new InvalidArgumentException("maximum retry count cannot be used with restart policy '"
                            + name + "'");
                }
            }
            case "on-failure" -> {
                if (maxRetries < 0) {
                    throw new InvalidArgumentException("maximum retry count cannot be negative");
                }
            }
            default -> throw new InvalidArgumentException("invalid restart policy '" + name + "'");
        }
    }

    /**
     * dockerd's checks of LogConfig (daemon {@code verifyContainerSettings} → logger {@code ValidateLogOpts},
     * and the json-file driver's option values), through {@link LogOptions#parse}.
     *
     * @param driver LogConfig.Type ("" = json-file)
     * @param options LogConfig.Config
     * @throws InvalidArgumentException for a driver berth does not run, an unknown option or a bad value
     * @throws NotImplementedException for json-file's attribute options (labels, env, tag)
     */
    static void logConfig(String driver, Map<String, String> options) {
        LogOptions.parse(driver, options);
    }

    private static void mounts(HostConfig hc) {
        Set<String> destinations = new HashSet<>();
        for (String raw : hc.getBindsList()) {
            BindSpec b = BindSpec.parse(raw);
            if (!b.isHostPath() && !b.source().isEmpty()) {
                VolumeNames.check(b.source());
            }
            unique(destinations, b.destination());
        }
        for (HostConfig.Mount m : hc.getMountsList()) {
            unique(destinations, mount(m));
        }
        for (Map.Entry<String, String> t : hc.getTmpfsMap().entrySet()) {
            unique(destinations, MountPaths.checkTarget("tmpfs", t.getKey(), ""));
            TmpfsOptions.merge(t.getValue());
        }
    }

    /** @return the cleaned target of a bind or tmpfs Mount */
    private static String mount(HostConfig.Mount m) {
        String prefix = "invalid mount config for type \"" + m.getType() + "\": ";
        switch (m.getType()) {
            case "volume" -> {
                String target = MountPaths.checkTarget("volume", m.getTarget(), "");
                if (!m.getSource().isEmpty()) {
                    VolumeNames.check(m.getSource());
                }
                if (!m.getVolumeDriver().isEmpty() && !m.getVolumeDriver().equals("local")) {
                    throw new NotFoundException("error looking up volume plugin " + m.getVolumeDriver()
                            + ": plugin \"" + m.getVolumeDriver() + "\" not found");
                }
                LocalMounts.check(m.getSource(), m.getVolumeDriverOptionsMap());
                return target;
            }
            case "bind" -> {
                String target = MountPaths.checkTarget("bind", m.getTarget(), "");
                if (m.getSource().isEmpty()) {
                    throw new InvalidArgumentException(prefix + "field Source must not be empty");
                }
                if (!m.getSource().startsWith("/")) {
                    throw new InvalidArgumentException(prefix + "invalid mount path: '" + m.getSource()
                            + "' mount path must be absolute");
                }
                if (!m.getPropagation().isEmpty() && !BindSpec.PROPAGATIONS.contains(m.getPropagation())) {
                    throw new InvalidArgumentException(prefix + "invalid propagation mode: " + m.getPropagation());
                }
                if (!Files.exists(Path.of(m.getSource()))) {
                    throw new InvalidArgumentException(prefix + "bind source path does not exist: " + m.getSource());
                }
                return target;
            }
            case "tmpfs" -> {
                String target = MountPaths.checkTarget("tmpfs", m.getTarget(), "");
                if (!m.getSource().isEmpty()) {
                    throw new InvalidArgumentException(prefix + "field Source must not be specified");
                }
                if (m.getTmpfsSizeBytes() < 0) {
                    throw new InvalidArgumentException(prefix + "invalid tmpfs size: " + m.getTmpfsSizeBytes());
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
            if (!ULIMITS.contains(u.getName())) {
                throw new InvalidArgumentException("invalid ulimit type: " + u.getName());
            }
            if (u.getSoft() >= 0 && u.getHard() >= 0 && u.getSoft() > u.getHard()) {
                throw new InvalidArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                        + u.getSoft() + " > " + u.getHard());
            }
        }
    }

    private static void dns(HostConfig hc) {
        for (String ns : hc.getDnsList()) {
            if (!InetAddresses.isInetAddress(ns)) {
                throw new InvalidArgumentException(ns + " is not an ip address");
            }
        }
        for (String e : hc.getExtraHostsList()) {
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

    /**
     * @param hc the host config
     * @param cpus the number of CPUs the engine may use
     * @param onlineCpus the online CPUs (null = not known, not checked)
     * @param onlineMems the online memory nodes (null = not known, not checked)
     * @throws InvalidArgumentException with dockerd's message
     */
    static void cpuLimits(HostConfig hc, int cpus, BitSet onlineCpus, BitSet onlineMems) {
        if (hc.getMemoryBytes() != 0 && hc.getMemoryBytes() < MIN_MEMORY) {
            throw new InvalidArgumentException("Minimum memory limit allowed is 6MB");
        }
        if (hc.getNanoCpus() > 0 && hc.getCpuPeriod() > 0) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (hc.getNanoCpus() > 0 && hc.getCpuQuota() > 0) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if (hc.getNanoCpus() < 0 || hc.getNanoCpus() > cpus * 1_000_000_000L) {
            throw new InvalidArgumentException("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        if (hc.getCpuPeriod() != 0 && (hc.getCpuPeriod() < 1000 || hc.getCpuPeriod() > 1_000_000)) {
            throw new InvalidArgumentException(
                    "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (hc.getCpuQuota() > 0 && hc.getCpuQuota() < 1000) {
            throw new InvalidArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
        if (hc.getCpuShares() < 0) {
            throw new InvalidArgumentException("shares: invalid argument");
        }
        cpuset(hc.getCpusetCpus(), onlineCpus, "cpus", "CPUs");
        cpuset(hc.getCpusetMems(), onlineMems, "mems", "memory nodes");
    }

    private static void cpuset(String value, BitSet online, String what, String plural) {
        if (value.isEmpty()) {
            return;
        }
        BitSet requested = parseCpuList(value);
        if (requested == null) {
            throw new InvalidArgumentException("Invalid value " + value + " for cpuset " + what);
        }
        if (online != null) {
            BitSet missing = (BitSet) requested.clone();
            missing.andNot(online);
            if (!missing.isEmpty()) {
                throw new InvalidArgumentException("Requested " + plural + " are not available - requested "
                        + value + ", available: " + format(online));
            }
        }
    }

    /**
     * @param list a kernel list like "0-2,4"
     * @return its members, or null if malformed
     */
    static BitSet parseCpuList(String list) {
        if (!CPU_LIST.matcher(list).matches()) {
            return null;
        }
        BitSet out = new BitSet();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
                if (to < from || to > 8191) {
                    return null;
                }
                out.set(from, to + 1);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    static BitSet online(String file) {
        try {
            return parseCpuList(String.join("", Files.readAllLines(Path.of(file))).trim());
        } catch (IOException e) {
            return null;
        }
    }

    private static String format(BitSet set) {
        StringBuilder out = new StringBuilder();
        for (int i = set.nextSetBit(0); i >= 0; ) {
            int end = set.nextClearBit(i) - 1;
            out.append(out.length() == 0 ? "" : ",").append(i).append(i == end ? "" : "-" + end);
            i = set.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
