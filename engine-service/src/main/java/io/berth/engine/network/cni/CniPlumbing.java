package io.berth.engine.network.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.network.DefaultBridge;
import io.berth.engine.network.Endpoint;
import io.berth.engine.network.EndpointRequest;
import io.berth.engine.network.NetworkDefinition;
import io.berth.engine.network.NetworkPlumbing;
import io.berth.engine.runtime.CommandResult;
import io.berth.engine.runtime.CommandRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link NetworkPlumbing} through Debian's CNI plugins in {@code /usr/lib/cni} (package
 * containernetworking-plugins 1.1.1, CNI spec 1.0.0), invoked the way libcni runs a configuration list: ADD runs
 * the plugins in order, each getting the previous one's result as {@code prevResult}; DEL runs them in reverse
 * ({@link CniConfigs} makes the list). The bridge itself is made by berth with iproute2 ({@link #ensureNetwork}),
 * so that its subnet is on the host from the moment it is chosen; the bridge plugin then finds it.
 *
 * <p>Traps (measured here): the bridge plugin's DEL removes its masquerade rules only while the namespace still
 * holds the interface (it reads the addresses from it), so callers DEL before they remove the namespace; an ADD
 * that fails half way is undone with DEL of every plugin of the list (DEL of a plugin that did nothing is a
 * no-op); portmap's shared chains ({@code CNI-HOSTPORT-*}) stay after the last DEL by design.
 */
@Singleton
public class CniPlumbing implements NetworkPlumbing {
    private static final Logger LOG = LogManager.getLogger(CniPlumbing.class);
    /** Debian's plugin directory. */
    public static final Path DEBIAN_PLUGIN_DIR = Path.of("/usr/lib/cni");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(30);

    private final CniPluginRunner plugins;
    private final CommandRunner commands;
    private final Path ipamRoot;

    /**
     * @param config the data root (IPAM leases under {@code <data-root>/network/ipam/})
     * @param commands runs {@code ip}
     */
    @Inject
    public CniPlumbing(EngineConfig config, CommandRunner commands) {
        this(new CniPluginRunner(DEBIAN_PLUGIN_DIR), commands, config.dataRoot().resolve("network").resolve("ipam"));
    }

    /**
     * @param plugins the plugin runner (tests: a directory of fake plugins)
     * @param commands runs {@code ip}
     * @param ipamRoot the parent of each network's host-local dataDir
     */
    public CniPlumbing(CniPluginRunner plugins, CommandRunner commands, Path ipamRoot) {
        this.plugins = plugins;
        this.commands = commands;
        this.ipamRoot = ipamRoot;
    }

    /**
     * @param network a network
     * @return host-local's dataDir for it, {@code <data-root>/network/ipam/<network-id>}
     */
    public Path ipamDir(NetworkDefinition network) {
        return ipamRoot.resolve(network.id());
    }

    @Override
    public void ensureNetwork(NetworkDefinition network) {
        String br = network.bridgeName();
        if (!interfaceExists(br)) {
            CommandResult add = commands.run(List.of("ip", "link", "add", "name", br, "type", "bridge"), IP_TIMEOUT);
            if (!add.ok() && !interfaceExists(br)) {
                throw new InternalException("cannot create bridge " + br + ": " + add.stderr().trim());
            }
        }
        if (network.mtu() > 0) {
            ip("link", "set", "dev", br, "mtu", Integer.toString(network.mtu()));
        }
        String v4 = network.gateway() + "/" + network.prefixLength();
        CommandResult a = commands.run(List.of("ip", "addr", "add", v4, "dev", br), IP_TIMEOUT);
        if (!a.ok() && !alreadyAssigned(a)) {
            throw new InternalException("cannot give bridge " + br + " the address " + v4 + ": " + a.stderr().trim());
        }
        if (network.ipv6Subnet() != null && network.ipv6Gateway() != null) {
            String len = network.ipv6Subnet().substring(network.ipv6Subnet().indexOf('/') + 1);
            CommandResult a6 = commands.run(List.of("ip", "-6", "addr", "add", network.ipv6Gateway() + "/" + len,
                    "dev", br), IP_TIMEOUT);
            if (!a6.ok() && !alreadyAssigned(a6)) {
                LOG.warn("cannot give bridge {} its IPv6 address: {}", br, a6.stderr().trim());
            }
        }
        ip("link", "set", "dev", br, "up");
    }

    @Override
    public void removeNetwork(NetworkDefinition network) {
        if (interfaceExists(network.bridgeName())) {
            CommandResult r = commands.run(List.of("ip", "link", "del", "dev", network.bridgeName()), IP_TIMEOUT);
            if (!r.ok()) {
                LOG.warn("cannot delete bridge {}: {}", network.bridgeName(), r.stderr().trim());
            }
        }
        Path dir = ipamDir(network);
        try {
            if (Files.exists(dir)) {
                AtomicFiles.deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the IPAM directory {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public Endpoint attach(NetworkDefinition network, EndpointRequest request) {
        List<ObjectNode> list = CniConfigs.attachment(network, request, ipamDir(network));
        JsonNode prev = null;
        int done = 0;
        try {
            for (ObjectNode conf : list) {
                if (prev != null) {
                    conf.set("prevResult", prev);
                }
                done++;
                prev = plugins.run("ADD", conf.path("type").asText(), request.containerId(), request.netnsPath(),
                        request.interfaceName(), conf);
            }
        } catch (RuntimeException e) {
            undo(list.subList(0, done), request);
            throw translate(e, request);
        }
        CniResult r;
        try {
            r = CniResult.parse(prev, request.interfaceName(), network.bridgeName());
        } catch (RuntimeException e) {
            undo(list, request);
            throw e;
        }
        return new Endpoint(DefaultBridge.randomId(), network.id(), request.containerId(), request.interfaceName(),
                r.ipv4Address(), r.ipv4PrefixLen(), r.ipv4Gateway(), r.macAddress(), r.ipv6Address(),
                r.ipv6PrefixLen(), r.ipv6Gateway(), r.hostVeth(), request.portMappings());
    }

    @Override
    public void detach(NetworkDefinition network, EndpointRequest request) {
        undo(CniConfigs.attachment(network, request, ipamDir(network)), request);
    }

    @Override
    public void loopback(String containerId, String netnsPath) {
        plugins.run("ADD", "loopback", containerId, netnsPath, "lo", CniConfigs.loopback());
    }

    /** DEL of the given plugins in reverse order; each failure is logged and the rest go on. */
    private void undo(List<ObjectNode> confs, EndpointRequest request) {
        List<ObjectNode> reversed = new ArrayList<>(confs);
        java.util.Collections.reverse(reversed);
        for (ObjectNode conf : reversed) {
            conf.remove("prevResult");
            String type = conf.path("type").asText();
            try {
                plugins.run("DEL", type, request.containerId(), request.netnsPath(), request.interfaceName(), conf);
            } catch (RuntimeException e) {
                LOG.warn("CNI DEL of {} for container {} failed (going on): {}", type, request.containerId(),
                        e.getMessage());
            }
        }
    }

    /**
     * host-local's refusals of a requested address ("requested IP address ... is not available in range set ...",
     * "requested ip x is subnet's gateway", "failed to allocate all requested IPs: x" for the network address)
     * are a conflict: dockerd's 409 "Address already in use" for {@code --ip} (libnetwork's IPAM has the
     * gateway, network and broadcast addresses reserved); anything else stays an internal error with the
     * plugin's text.
     */
    private static RuntimeException translate(RuntimeException e, EndpointRequest request) {
        if (e instanceof CniException c && (c.pluginMessage().contains("is not available")
                || c.pluginMessage().contains("is subnet's gateway")
                || c.pluginMessage().contains("failed to allocate all requested IPs"))
                && (request.ipv4Address() != null || request.ipv6Address() != null)) {
            return new ConflictException("Address already in use");
        }
        return e;
    }

    private void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        CommandResult r = commands.run(argv, IP_TIMEOUT);
        if (!r.ok()) {
            throw new InternalException(String.join(" ", argv) + " failed: " + r.stderr().trim());
        }
    }

    /**
     * @param r the result of {@code ip addr add}
     * @return true if it failed because the bridge has the address already (a bridge kept from an earlier start):
     *     EEXIST, "RTNETLINK answers: File exists" from older iproute2, "Error: ipv4: Address already assigned."
     *     from this kernel's extended ack
     */
    static boolean alreadyAssigned(CommandResult r) {
        return r.stderr().contains("File exists") || r.stderr().contains("already assigned");
    }

    /** @return true if the host has an interface of this name ({@code /sys/class/net/<name>}) */
    static boolean interfaceExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }
}
