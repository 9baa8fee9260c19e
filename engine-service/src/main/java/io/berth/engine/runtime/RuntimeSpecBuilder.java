package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.runtime.seccomp.DefaultSeccompProfile;
import io.berth.engine.runtime.seccomp.SeccompHost;
import io.berth.engine.runtime.seccomp.SeccompProfile;
import io.berth.proto.engine.v1.HostConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a container's OCI runtime spec ({@code config.json}, OCI runtime spec 1.0.2, config.md and
 * config-linux.md) from its record, as dockerd 20.10 does (moby daemon/oci_linux.go, oci/defaults.go) with
 * its defaults ({@link SpecDefaults}): the process (args, env with HOSTNAME, cwd, uid/gid, no terminal,
 * the capabilities of {@link Capabilities}, the Ulimits as rlimits), the root ({@code rootfs}, read-only
 * for ReadonlyRootfs), the hostname, the standard mounts plus the user's ({@link ContainerMounts}) and
 * binds of the container's hostname/hosts/resolv.conf files, new pid/ipc/uts/mount namespaces and a network
 * namespace unless NetworkMode is "host" (joined by path: the container's own persistent one, already plumbed,
 * or that of the container named by "container:&lt;x&gt;", whose /etc files and hostname it then shares), masked and read-only paths (none when privileged), and
 * the cgroup {@code <cgroup-parent>/<id>} with the limits of {@link LinuxResources}. The create options of
 * issue 10: pid/ipc/uts namespaces left out for "host" modes or joined ({@link NamespaceJoins}), /dev/shm by
 * IpcMode and ShmSize, {@code --init} ({@link InitBinary}), oomScoreAdj, noNewPrivileges and seccomp
 * ({@link SecurityOptions}, Docker's default profile otherwise), Devices and DeviceCgroupRules
 * ({@link LinuxDevices}), Sysctls, and the container's own CgroupParent.
 */
@Singleton
public final class RuntimeSpecBuilder {
    /** The runtime spec version written. */
    public static final String OCI_VERSION = "1.0.2";

    private static final SeccompProfile DEFAULT_SECCOMP = DefaultSeccompProfile.profile();

    private final EngineConfig config;
    private final BlockIoAccounting blockIo;
    private final SeccompProfile.Host seccompHost = SeccompHost.detect();

    /** @param config the engine's settings (cgroup parent); block I/O accounting for this host's disks */
    @Inject
    public RuntimeSpecBuilder(EngineConfig config) {
        this(config, BlockIoAccounting.forHost(Path.of("/")));
    }

    /**
     * @param config the engine's settings (cgroup parent)
     * @param blockIo the no-op throttle rules that make cgroup v1 count block I/O
     */
    public RuntimeSpecBuilder(EngineConfig config, BlockIoAccounting blockIo) {
        this.config = config;
        this.blockIo = blockIo;
    }

    /**
     * Writes {@code config.json} into the bundle (atomically).
     *
     * @param r the container
     * @param bundle its bundle
     * @param user the resolved process user
     * @throws IOException if it cannot be written
     */
    public void write(ContainerRecord r, Bundle bundle, ExecUser user) throws IOException {
        write(r, bundle, user, NamespaceJoins.NONE);
    }

    /**
     * Writes {@code config.json} into the bundle (atomically).
     *
     * @param r the container
     * @param bundle its bundle
     * @param user the resolved process user (GroupAdd included)
     * @param joins the namespaces of other containers it joins
     * @throws IOException if it cannot be written
     */
    public void write(ContainerRecord r, Bundle bundle, ExecUser user, NamespaceJoins joins) throws IOException {
        AtomicFiles.writePrivate(bundle.configJson(), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(build(r, user, joins)));
    }

    /**
     * @param r the container
     * @param user the resolved process user
     * @return the runtime spec as a JSON tree
     */
    public ObjectNode build(ContainerRecord r, ExecUser user) {
        return build(r, user, NamespaceJoins.NONE);
    }

    /**
     * @param r the container
     * @param user the resolved process user
     * @param joins the namespaces of other containers it joins
     * @return the runtime spec as a JSON tree
     */
    public ObjectNode build(ContainerRecord r, ExecUser user, NamespaceJoins joins) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("ociVersion", OCI_VERSION);
        spec.set("process", process(r, user, joins));
        ObjectNode root = spec.putObject("root");
        root.put("path", "rootfs");
        root.put("readonly", r.hostConfig().getReadonlyRootfs());
        if (!"host".equals(r.hostConfig().getUtsMode())) {
            spec.put("hostname", hostname(r, joins)); // runc refuses a hostname in the host's UTS namespace
        }
        spec.set("mounts", mounts(r, joins));
        spec.set("linux", linux(r, joins));
        return spec;
    }

    /**
     * @return the container's hostname: that of the container whose network it joins ({@code --network
     *     container:<x>}, as dockerd's initializeNetworking copies it), else its own
     */
    private static String hostname(ContainerRecord r, NamespaceJoins joins) {
        return joins.netDonorHostname() != null ? joins.netDonorHostname() : r.config().getHostname();
    }

    private ObjectNode process(ContainerRecord r, ExecUser user, NamespaceJoins joins) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        // Docker's Tty: runc creates a pseudo-terminal and hands its master to conmon's console socket
        // (conmon -t, runtime/ConmonLauncher); the window size is set later through conmon's control FIFO.
        p.put("terminal", r.config().getTty());
        ObjectNode u = p.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        ArrayNode args = p.putArray("args");
        if (r.hostConfig().getInit()) {
            args.add(InitBinary.IN_CONTAINER).add("--");
        }
        args.add(r.path());
        r.args().forEach(args::add);
        ArrayNode env = p.putArray("env");
        processEnv(r, hostname(r, joins)).forEach(env::add);
        p.put("cwd", r.config().getWorkingDir().isEmpty() ? "/" : r.config().getWorkingDir());
        ObjectNode caps = p.putObject("capabilities");
        List<String> capabilities = Capabilities.of(r.hostConfig());
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            capabilities.forEach(a::add);
        }
        if (!r.hostConfig().getUlimitsList().isEmpty()) {
            p.set("rlimits", rlimits(r.hostConfig()));
        }
        p.put("oomScoreAdj", r.hostConfig().getOomScoreAdj());
        p.put("noNewPrivileges", SecurityOptions.parse(r.hostConfig().getSecurityOptList()).noNewPrivileges());
        return p;
    }

    /**
     * @param hc the host config
     * @return process.rlimits: {type: RLIMIT_&lt;NAME&gt;, soft, hard}; a negative limit is unlimited
     */
    private static ArrayNode rlimits(HostConfig hc) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (HostConfig.Ulimit u : hc.getUlimitsList()) {
            ObjectNode o = out.addObject();
            o.put("type", "RLIMIT_" + u.getName().toUpperCase(Locale.ROOT));
            o.put("hard", new BigInteger(Long.toUnsignedString(u.getHard())));
            o.put("soft", new BigInteger(Long.toUnsignedString(u.getSoft())));
        }
        return out;
    }

    /**
     * dockerd's process environment: PATH and HOSTNAME (and TERM for a TTY) first, each replaced by the
     * container's own value if it sets one, then the container's other entries in order.
     *
     * @param r the container
     * @return "KEY=value" entries
     */
    static List<String> processEnv(ContainerRecord r) {
        return processEnv(r, r.config().getHostname());
    }

    /**
     * @param r the container
     * @param hostname its hostname at this start
     * @return "KEY=value" entries, as {@link #processEnv(ContainerRecord)}
     */
    static List<String> processEnv(ContainerRecord r, String hostname) {
        List<String> env = new ArrayList<>(List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=" + hostname));
        if (r.config().getTty()) {
            env.add("TERM=xterm");
        }
        for (String e : r.config().getEnvList()) {
            String key = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e + "=";
            int at = -1;
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).startsWith(key)) {
                    at = i;
                }
            }
            if (at >= 0) {
                env.set(at, e);
            } else {
                env.add(e);
            }
        }
        return env;
    }

    /**
     * dockerd's mount list: the standard mounts except those a user mount replaces (same destination, or
     * anything under /dev when the user mounts /dev), then the user's mounts and the /etc file binds sorted
     * by depth (parents first). Privileged: /sys and the cgroup mount are writable.
     */
    private ArrayNode mounts(ContainerRecord r, NamespaceJoins joins) {
        HostConfig hc = r.hostConfig();
        List<ContainerMounts.SpecMount> user = new ArrayList<>(ContainerMounts.of(r));
        if (hc.getInit()) {
            user.add(new ContainerMounts.SpecMount(InitBinary.IN_CONTAINER, "bind", InitBinary.find(),
                    List.of("bind", "ro")));
        }
        Set<String> userDests = new HashSet<>();
        user.forEach(m -> userDests.add(m.destination()));
        List<String> bind = List.of("rbind", "rprivate");
        // --network container:<x>: the other container's files, as dockerd points HostsPath & co. at them.
        java.nio.file.Path donorDir = joins.netDonorId() == null ? null : config.containerDir(joins.netDonorId());
        for (ContainerMounts.SpecMount etc : List.of(
                new ContainerMounts.SpecMount("/etc/resolv.conf", "bind",
                        donorDir == null ? r.resolvConfPath() : donorDir.resolve("resolv.conf").toString(), bind),
                new ContainerMounts.SpecMount("/etc/hostname", "bind",
                        donorDir == null ? r.hostnamePath() : donorDir.resolve("hostname").toString(), bind),
                new ContainerMounts.SpecMount("/etc/hosts", "bind",
                        donorDir == null ? r.hostsPath() : donorDir.resolve("hosts").toString(), bind))) {
            if (!userDests.contains(etc.destination())) {
                user.add(etc);
            }
        }
        user.sort(Comparator.comparingInt(ContainerMounts.SpecMount::depth));
        ArrayNode mounts = Json.MAPPER.createArrayNode();
        boolean userDev = userDests.contains("/dev");
        for (SpecDefaults.StdMount m : SpecDefaults.MOUNTS) {
            if (userDests.contains(m.destination()) || userDev && m.destination().startsWith("/dev/")) {
                continue;
            }
            List<String> options = m.options();
            if (hc.getPrivileged() && (m.destination().equals("/sys") || m.type().equals("cgroup"))) {
                options = options.stream().filter(o -> !o.equals("ro")).toList();
            }
            if (m.destination().equals("/dev/shm")) {
                addShm(mounts, r, joins, m);
                continue;
            }
            addMount(mounts, m.destination(), m.type(), m.source(), options);
        }
        user.forEach(m -> addMount(mounts, m.destination(), m.type(), m.source(), m.options()));
        return mounts;
    }

    /**
     * /dev/shm by IpcMode, as dockerd: a tmpfs of ShmSize bytes (64 MiB by default) for a private or shareable
     * namespace (the host-side tmpfs of the bundle for "shareable", {@link Bundle#shm}), the host's /dev/shm for
     * "host", the other container's for "container:&lt;x&gt;", none for "none".
     */
    private void addShm(ArrayNode mounts, ContainerRecord r, NamespaceJoins joins, SpecDefaults.StdMount m) {
        HostConfig hc = r.hostConfig();
        String mode = hc.getIpcMode();
        if (mode.equals("none")) {
            return;
        }
        List<String> rbind = List.of("rbind", "nosuid", "noexec", "nodev");
        if (mode.equals("host") || joins.ipcDonorIsHost()) {
            addMount(mounts, m.destination(), "bind", "/dev/shm", rbind);
        } else if (joins.ipcDonorId() != null) {
            addMount(mounts, m.destination(), "bind", config.bundle(joins.ipcDonorId()).shm().toString(), rbind);
        } else if (mode.equals("shareable")) {
            addMount(mounts, m.destination(), "bind", config.bundle(r.id()).shm().toString(), rbind);
        } else if (hc.getShmSize() > 0) {
            List<String> options = new ArrayList<>(m.options().stream().filter(o -> !o.startsWith("size=")).toList());
            options.add("size=" + hc.getShmSize());
            addMount(mounts, m.destination(), m.type(), m.source(), options);
        } else {
            addMount(mounts, m.destination(), m.type(), m.source(), m.options());
        }
    }

    private static void addMount(ArrayNode mounts, String dest, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", dest);
        m.put("type", type);
        m.put("source", source);
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
    }

    private ObjectNode linux(ContainerRecord r, NamespaceJoins joins) {
        HostConfig hc = r.hostConfig();
        ObjectNode linux = Json.MAPPER.createObjectNode();
        ArrayNode ns = linux.putArray("namespaces");
        for (String t : SpecDefaults.NAMESPACES) {
            boolean host = switch (t) {
                case "network" -> "host".equals(hc.getNetworkMode());
                case "pid" -> "host".equals(hc.getPidMode());
                case "ipc" -> "host".equals(hc.getIpcMode());
                case "uts" -> "host".equals(hc.getUtsMode());
                default -> false;
            };
            String path = switch (t) {
                case "pid" -> joins.pidPath();
                case "ipc" -> joins.ipcPath();
                case "network" -> joins.netPath();
                default -> null;
            };
            if (!host) {
                ObjectNode n = ns.addObject().put("type", t);
                if (path != null) {
                    n.put("path", path);
                }
            }
        }
        linux.put("cgroupsPath", cgroupsPath(r.id(), hc.getCgroupParent()));
        ObjectNode resources = LinuxResources.of(hc);
        blockIo.addTo(resources);
        linux.set("resources", resources);
        if (!hc.getPrivileged()) {
            LinuxDevices.addTo(hc, linux, (ArrayNode) resources.get("devices"));
        }
        if (hc.getSysctlsCount() > 0) {
            ObjectNode sysctl = linux.putObject("sysctl");
            new java.util.TreeMap<>(hc.getSysctlsMap()).forEach(sysctl::put);
        }
        ObjectNode seccomp = seccomp(hc);
        if (seccomp != null) {
            linux.set("seccomp", seccomp);
        }
        if (!r.hostConfig().getPrivileged()) {
            ArrayNode masked = linux.putArray("maskedPaths");
            SpecDefaults.MASKED_PATHS.forEach(masked::add);
            ArrayNode ro = linux.putArray("readonlyPaths");
            SpecDefaults.READONLY_PATHS.forEach(ro::add);
        }
        return linux;
    }

    /**
     * dockerd's seccomp choice (moby daemon/seccomp_linux.go): none for a privileged container or
     * {@code seccomp=unconfined}, the given profile, else Docker's default profile, each applied for this
     * host's architecture and kernel and the container's capabilities.
     *
     * @return {@code linux.seccomp}, or null for none
     */
    private ObjectNode seccomp(HostConfig hc) {
        SecurityOptions opts = SecurityOptions.parse(hc.getSecurityOptList());
        if (hc.getPrivileged() || opts.seccompUnconfined()) {
            return null;
        }
        SeccompProfile profile = opts.seccompProfile() != null ? opts.seccompProfile() : DEFAULT_SECCOMP;
        return profile.toRuntimeSpec(seccompHost, Capabilities.of(hc));
    }

    /**
     * @param id container ID
     * @return the absolute cgroup path {@code <cgroup-parent>/<id>}
     */
    public String cgroupsPath(String id) {
        return config.cgroupsPath(id);
    }

    /**
     * @param id container ID
     * @param containerParent the container's CgroupParent ("" = the engine's); a relative one is taken from the
     *     root, as dockerd's cgroupfs driver does
     * @return the absolute cgroup path {@code <cgroup-parent>/<id>}
     */
    public String cgroupsPath(String id, String containerParent) {
        return config.cgroupsPath(id, containerParent);
    }
}
