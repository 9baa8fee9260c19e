package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.engine.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.HostConfig;
import io.berth.engine.util.AtomicFiles;
import io.berth.engine.util.Json;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a container's OCI runtime spec ({@code config.json}, OCI runtime spec 1.0.2, config.md and
 * config-linux.md) from its record, with dockerd's defaults ({@link SpecDefaults}): the process (args,
 * env with HOSTNAME, cwd, uid/gid, no terminal, Docker's capabilities), the root ({@code rootfs}), the
 * hostname, the standard mounts plus binds of the container's hostname/hosts/resolv.conf files, new
 * pid/ipc/uts/mount/network namespaces, masked and read-only paths, and the cgroup
 * {@code <cgroup-parent>/<id>} with the memory, CPU shares and pids limits that are set.
 */
@Singleton
public final class RuntimeSpecBuilder {
    /** The runtime spec version written. */
    public static final String OCI_VERSION = "1.0.2";

    private final EngineConfig config;

    /** @param config the engine's settings (cgroup parent) */
    @Inject
    public RuntimeSpecBuilder(EngineConfig config) {
        this.config = config;
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
        AtomicFiles.write(bundle.configJson(), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(build(r, user)));
    }

    /**
     * @param r the container
     * @param user the resolved process user
     * @return the runtime spec as a JSON tree
     */
    public ObjectNode build(ContainerRecord r, ExecUser user) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("ociVersion", OCI_VERSION);
        spec.set("process", process(r, user));
        ObjectNode root = spec.putObject("root");
        root.put("path", "rootfs");
        root.put("readonly", r.hostConfig().readonlyRootfs());
        spec.put("hostname", r.config().hostname());
        spec.set("mounts", mounts(r));
        spec.set("linux", linux(r));
        return spec;
    }

    private ObjectNode process(ContainerRecord r, ExecUser user) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        // TTY containers (conmon -t, a console socket) are a later issue: output is always piped.
        p.put("terminal", false);
        ObjectNode u = p.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        ArrayNode args = p.putArray("args");
        args.add(r.path());
        r.args().forEach(args::add);
        ArrayNode env = p.putArray("env");
        processEnv(r).forEach(env::add);
        p.put("cwd", r.config().workingDir().isEmpty() ? "/" : r.config().workingDir());
        ObjectNode caps = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            SpecDefaults.CAPABILITIES.forEach(a::add);
        }
        p.put("noNewPrivileges", false);
        return p;
    }

    /**
     * dockerd's process environment: PATH and HOSTNAME (and TERM for a TTY) first, each replaced by the
     * container's own value if it sets one, then the container's other entries in order.
     *
     * @param r the container
     * @return "KEY=value" entries
     */
    static List<String> processEnv(ContainerRecord r) {
        List<String> env = new ArrayList<>(List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=" + r.config().hostname()));
        if (r.config().tty()) {
            env.add("TERM=xterm");
        }
        for (String e : r.config().env()) {
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

    private ArrayNode mounts(ContainerRecord r) {
        ArrayNode mounts = Json.MAPPER.createArrayNode();
        for (SpecDefaults.StdMount m : SpecDefaults.MOUNTS) {
            addMount(mounts, m.destination(), m.type(), m.source(), m.options());
        }
        List<String> bind = List.of("rbind", "rprivate");
        addMount(mounts, "/etc/resolv.conf", "bind", r.resolvConfPath(), bind);
        addMount(mounts, "/etc/hostname", "bind", r.hostnamePath(), bind);
        addMount(mounts, "/etc/hosts", "bind", r.hostsPath(), bind);
        return mounts;
    }

    private static void addMount(ArrayNode mounts, String dest, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", dest);
        m.put("type", type);
        m.put("source", source);
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
    }

    private ObjectNode linux(ContainerRecord r) {
        ObjectNode linux = Json.MAPPER.createObjectNode();
        ArrayNode ns = linux.putArray("namespaces");
        SpecDefaults.NAMESPACES.forEach(t -> ns.addObject().put("type", t));
        linux.put("cgroupsPath", cgroupsPath(r.id()));
        linux.set("resources", resources(r.hostConfig()));
        ArrayNode masked = linux.putArray("maskedPaths");
        SpecDefaults.MASKED_PATHS.forEach(masked::add);
        ArrayNode ro = linux.putArray("readonlyPaths");
        SpecDefaults.READONLY_PATHS.forEach(ro::add);
        return linux;
    }

    /**
     * @param id container ID
     * @return the absolute cgroup path {@code <cgroup-parent>/<id>}
     */
    public String cgroupsPath(String id) {
        return ("/".equals(config.cgroupParent()) ? "" : config.cgroupParent()) + "/" + id;
    }

    private static ObjectNode resources(HostConfig hc) {
        ObjectNode res = Json.MAPPER.createObjectNode();
        ArrayNode devices = res.putArray("devices");
        for (SpecDefaults.DeviceRule d : SpecDefaults.DEVICE_RULES) {
            ObjectNode o = devices.addObject();
            o.put("allow", d.allow());
            if (d.type() != null) {
                o.put("type", d.type());
            }
            if (d.major() != null) {
                o.put("major", d.major());
            }
            if (d.minor() != null) {
                o.put("minor", d.minor());
            }
            o.put("access", d.access());
        }
        if (hc.memory() > 0) {
            res.putObject("memory").put("limit", hc.memory());
        }
        if (hc.cpuShares() > 0) {
            res.putObject("cpu").put("shares", hc.cpuShares());
        }
        if (hc.pidsLimit() > 0) {
            res.putObject("pids").put("limit", hc.pidsLimit());
        }
        return res;
    }
}
