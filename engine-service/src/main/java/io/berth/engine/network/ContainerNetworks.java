package io.berth.engine.network;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.runtime.RunNetwork;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A container run's network, per its HostConfig.NetworkMode (Docker Engine API 1.41), set up before the runtime
 * spec is written and released with the run ({@link RunNetwork}, called by {@code RuntimeCleanup.release}):
 * <ul>
 *   <li>"host": nothing (the spec has no network namespace); "container:&lt;x&gt;": nothing of its own (the
 *       spec joins the other container's namespace, resolved at start by the service layer);</li>
 *   <li>"none": a namespace of its own ({@link NetworkNamespaces}) with {@code lo} up (CNI loopback);</li>
 *   <li>"", "default", "bridge": that, plus {@code eth0} on the default bridge network ({@link DefaultBridge},
 *       made on first use) through {@link NetworkPlumbing#attach};</li>
 *   <li>any other name: that network of the {@link NetworkCatalog} (404 "network x not found" if it has none),
 *       with the create's {@code --ip}/{@code --network-alias};</li>
 *   <li>then every network {@code docker network connect} added while the container was stopped (eth1, ...).</li>
 * </ul>
 * A run on a user network also gets its embedded DNS server ({@code EmbeddedDns}: 127.0.0.11 in its namespace),
 * stopped at the release.
 * Order and records: the endpoint record ({@link EndpointStore}) is written before each ADD and holds the result
 * after it, so an engine killed at any moment leaves what the next one's release needs; release runs DEL for
 * every recorded attachment (last first), deletes the record, and only then removes the namespace (the bridge
 * plugin needs the namespace to remove its masquerade rules).
 */
@Singleton
public class ContainerNetworks implements RunNetwork {
    private static final Logger LOG = LogManager.getLogger(ContainerNetworks.class);

    private final NetworkNamespaces namespaces;
    private final NetworkPlumbing plumbing;
    private final EndpointStore endpoints;
    private final NetworkCatalog catalog;
    private final NetworkService networkService;
    private final io.berth.engine.network.dns.EmbeddedDns dns;
    private static final EndpointSettings NO_SETTINGS = new EndpointSettings(null, null, null, null, null, null);

    /**
     * A run's network as set up.
     *
     * @param netnsPath the namespace file the runtime spec joins, or null (host and container: modes)
     * @param endpoints the attachments made, first network first (empty for "none")
     */
    public record Sandbox(String netnsPath, List<Endpoint> endpoints) {
        /** No namespace of its own. */
        public static final Sandbox NONE = new Sandbox(null, List.of());

        /** Copies the list. */
        public Sandbox {
            endpoints = List.copyOf(endpoints);
        }

        /** @return the container's own addresses (IPv4, then IPv6, per endpoint) for its /etc/hosts */
        public List<String> addresses() {
            List<String> out = new ArrayList<>();
            for (Endpoint e : endpoints) {
                if (!e.ipAddress().isEmpty()) {
                    out.add(e.ipAddress());
                }
                if (!e.globalIpv6Address().isEmpty()) {
                    out.add(e.globalIpv6Address());
                }
            }
            return out;
        }
    }

    /**
     * @param namespaces the namespace files
     * @param plumbing the CNI plugins
     * @param endpoints the endpoint records
     * @param catalog the networks
     * @param networkService the networks each container is configured for (user NetworkMode, connect)
     * @param dns the embedded DNS servers (started for a run on a user network, stopped at its release)
     */
    @Inject
    public ContainerNetworks(NetworkNamespaces namespaces, NetworkPlumbing plumbing, EndpointStore endpoints,
                             NetworkCatalog catalog, NetworkService networkService,
                             io.berth.engine.network.dns.EmbeddedDns dns) {
        this.networkService = networkService;
        this.dns = dns;
        this.namespaces = namespaces;
        this.plumbing = plumbing;
        this.endpoints = endpoints;
        this.catalog = catalog;
    }

    /**
     * @param mode a NetworkMode
     * @return true for the modes whose container gets a namespace of its own (all but "host" and "container:")
     */
    public static boolean ownsNamespace(String mode) {
        return !"host".equals(mode) && !mode.startsWith("container:");
    }

    /**
     * @param mode a NetworkMode
     * @return true for the default bridge network's modes: "", "default", "bridge"
     */
    public static boolean isDefaultBridge(String mode) {
        return mode.isEmpty() || "default".equals(mode) || "bridge".equals(mode);
    }

    /**
     * Sets up a starting container's network without published ports.
     *
     * @param r the container (its lock held)
     * @return the namespace and endpoints
     * @see #setUp(ContainerRecord, List)
     */
    public Sandbox setUp(ContainerRecord r) {
        return setUp(r, List.of());
    }

    /**
     * Sets up a starting container's network: namespace, {@code lo}, the network of its NetworkMode with the given
     * published ports. Everything is undone if any step fails.
     *
     * @param r the container (its lock held)
     * @param ports the published ports, host ports resolved (on the first bridge attachment; empty for none)
     * @return the namespace and endpoints
     * @throws NotFoundException "network x not found" for an unknown network name
     * @throws io.berth.common.errors.ConflictException for a requested address in use
     * @throws io.berth.common.errors.InternalException when a plugin fails
     */
    public Sandbox setUp(ContainerRecord r, List<PortMapping> ports) {
        String mode = r.hostConfig().getNetworkMode();
        if (!ownsNamespace(mode)) {
            return Sandbox.NONE;
        }
        String id = r.id();
        release(id); // what a previous run left (the exit of a run whose engine was killed mid-release)
        Path ns = namespaces.create(id);
        try {
            plumbing.loopback(id, ns.toString());
            if ("none".equals(mode)) {
                return new Sandbox(ns.toString(), List.of());
            }
            List<Map.Entry<NetworkDefinition, EndpointSettings>> networks = networksOf(r);
            List<Attachment> recorded = new ArrayList<>();
            List<Endpoint> made = new ArrayList<>();
            boolean userNetwork = false;
            String mac = r.config().getMacAddress().replace('-', ':').toLowerCase(Locale.ROOT);
            for (int i = 0; i < networks.size(); i++) {
                NetworkDefinition network = networks.get(i).getKey();
                EndpointSettings es = networks.get(i).getValue();
                userNetwork |= !isDefaultBridge(network.name());
                if (!isDefaultBridge(network.name())) {
                    plumbing.ensureNetwork(network); // idempotent: the bridge is gone after a reboot
                }
                EndpointRequest req = new EndpointRequest(id, ns.toString(), "eth" + i, es.ipv4Address(),
                        es.ipv6Address(), i == 0 ? mac : null, es.aliases(), i == 0 ? ports : List.of());
                recorded.add(new Attachment(network, req, null));
                endpoints.save(id, recorded);
                Endpoint ep = plumbing.attach(network, req);
                recorded.set(i, recorded.get(i).withEndpoint(ep));
                endpoints.save(id, recorded);
                made.add(ep);
                LOG.info("container {} is on network {}: {}/{} via {}", id, network.name(), ep.ipAddress(),
                        ep.ipPrefixLen(), ep.hostVeth());
            }
            if (userNetwork) {
                dns.start(id, ns);
            }
            return new Sandbox(ns.toString(), made);
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
    }

    /**
     * @param containerId a container
     * @return its attachments by its endpoint record (empty when it is not attached)
     */
    public List<Attachment> attachments(String containerId) {
        return endpoints.load(containerId);
    }

    /**
     * @param containerId a container
     * @return its namespace file if it has a mounted one (Docker's SandboxKey), else null
     */
    public Path namespace(String containerId) {
        Path p = namespaces.path(containerId);
        return namespaces.isMounted(p) ? p : null;
    }

    /**
     * The networks of a run in attach order: the NetworkMode's (the default bridge, or the user network with the
     * endpoint settings of the create), then each network connected while the container was stopped.
     *
     * @param r the container
     * @return network and endpoint settings pairs
     * @throws NotFoundException "network x not found"
     */
    private List<Map.Entry<NetworkDefinition, EndpointSettings>> networksOf(ContainerRecord r) {
        String mode = r.hostConfig().getNetworkMode();
        List<Map.Entry<NetworkDefinition, EndpointSettings>> out = new ArrayList<>();
        List<Map.Entry<NetworkDefinition, EndpointSettings>> configured = networkService.configured(r.id());
        if (isDefaultBridge(mode)) {
            out.add(Map.entry(catalog.defaultBridge(), NO_SETTINGS));
        } else if (configured.isEmpty()) {
            NetworkDefinition d = catalog.find(mode)
                    .orElseThrow(() -> new NotFoundException("network " + mode + " not found"));
            out.add(Map.entry(d, NO_SETTINGS));
        }
        out.addAll(configured);
        return out;
    }

    @Override
    public void release(String containerId) {
        dns.stop(containerId);
        List<Attachment> recorded = endpoints.load(containerId);
        if (!recorded.isEmpty()) {
            List<Attachment> reversed = new ArrayList<>(recorded);
            Collections.reverse(reversed);
            for (Attachment a : reversed) {
                try {
                    plumbing.detach(a.network(), a.request());
                } catch (RuntimeException e) {
                    LOG.warn("cannot detach {} from network {}: {}", containerId, a.network().name(), e.getMessage());
                }
            }
            try {
                endpoints.save(containerId, List.of());
            } catch (RuntimeException e) {
                LOG.warn("cannot delete the endpoint record of {}: {}", containerId, e.getMessage());
            }
        }
        namespaces.remove(containerId);
    }

    /**
     * Releases the networks of containers that have an endpoint record or a namespace file but are not running by
     * their records (the engine's start, before it serves: what a killed engine left), after deleting the temporary
     * files of record writes a kill cut short, undoes the attachments of running ones that a kill cut short (no
     * result recorded), and starts the embedded DNS servers of the running ones on user networks again.
     *
     * @param keep the IDs of the containers that run (their networks stay)
     */
    public void sweep(Set<String> keep) {
        endpoints.deleteTemporaryFiles();
        Set<String> ids = new TreeSet<>(endpoints.containerIds());
        ids.addAll(namespaces.list());
        for (String id : ids) {
            if (!keep.contains(id)) {
                LOG.info("releasing the network of {}, which is not running", id);
                release(id);
            }
        }
        for (String id : keep) {
            undoCutShortAttachments(id);
            resumeDns(id);
        }
    }

    /**
     * A running container's attachments whose record has no result are ADDs a kill of the engine cut short
     * ({@code docker network connect} writes the record before the ADD, and the configs after it): the plugins may
     * have made the interface and taken the lease, but the client got an error and the container is not configured
     * for the network, so each is undone with CNI DEL (which is idempotent) and dropped from the record.
     *
     * @param containerId a running container
     */
    private void undoCutShortAttachments(String containerId) {
        List<Attachment> recorded = endpoints.load(containerId);
        List<Attachment> complete = new ArrayList<>();
        for (Attachment a : recorded) {
            if (a.endpoint() != null) {
                complete.add(a);
                continue;
            }
            LOG.info("undoing the attach of {} to network {} that the engine's end cut short", containerId,
                    a.network().name());
            try {
                plumbing.detach(a.network(), a.request());
            } catch (RuntimeException e) {
                LOG.warn("cannot detach {} from network {}: {}", containerId, a.network().name(), e.getMessage());
            }
        }
        if (complete.size() != recorded.size()) {
            endpoints.save(containerId, complete);
        }
    }

    /**
     * Starts the embedded DNS server again for a container that kept running while the engine was gone (its
     * server's sockets died with the old engine), if it is on a user network and its namespace is there.
     *
     * @param containerId a running container
     */
    private void resumeDns(String containerId) {
        boolean user = endpoints.load(containerId).stream()
                .anyMatch(a -> a.endpoint() != null && !isDefaultBridge(a.network().name()));
        Path ns = namespace(containerId);
        if (user && ns != null) {
            try {
                dns.start(containerId, ns);
            } catch (RuntimeException e) {
                LOG.warn("no embedded DNS for {} after the restart: {}", containerId, e.getMessage());
            }
        }
    }
}
