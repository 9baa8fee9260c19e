package io.berth.engine.network;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.common.errors.UnavailableException;
import io.berth.common.events.EventPublisher;
import io.berth.common.time.DockerTime;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The network operations of the Docker Engine API 1.41 ({@code /networks}: create, list, inspect, remove, prune,
 * connect, disconnect) with dockerd 20.10's statuses and texts (moby daemon/network.go, libnetwork's error types,
 * runconfig/errors.go), over the records of {@link NetworkStore} (user networks, host, none), the default bridge
 * of {@link DefaultBridge}, the endpoint records of {@link EndpointStore} (active endpoints: attachments of
 * running containers) and the configured networks of {@link ContainerNetworkConfigs}.
 *
 * <p>Events (dockerd's {@code LogNetworkEvent}): Type "network", Actor.ID the network ID, attributes {@code name}
 * and {@code type} (the driver), plus {@code container} for connect and disconnect.
 *
 * <p>The plumbing ({@link NetworkPlumbing}, CNI) and the default bridge are injected when they are bound; without
 * them (an engine built before the CNI plumbing) networks are records only: create, list, inspect, remove, prune
 * and the connect of created containers work, anything that needs an interface is refused with 501 by name.
 */
@Singleton
public class NetworkService {
    private static final Logger LOG = LogManager.getLogger(NetworkService.class);
    private static final Set<String> DRIVERS_NOT_IMPLEMENTED = Set.of("macvlan", "ipvlan");

    private final NetworkStore store;
    private final EndpointStore endpoints;
    private final ContainerNetworkConfigs configs;
    private final ContainerStore containers;
    private final EventPublisher events;
    private final Clock clock;
    private final Path bridgeFile;
    private volatile NetworkPlumbing plumbing;
    private volatile DefaultBridge bridge;
    private volatile NetworkNamespaces namespaces;
    private volatile io.berth.engine.network.dns.EmbeddedDns dns;

    /**
     * @param store the network records
     * @param endpoints the endpoint records
     * @param configs the containers' configured networks
     * @param containers the containers
     * @param events event publishing
     * @param clock Created's clock
     * @param config the data root (the default bridge's record before the plumbing is bound)
     */
    @Inject
    public NetworkService(NetworkStore store, EndpointStore endpoints, ContainerNetworkConfigs configs,
                          ContainerStore containers, EventPublisher events, Clock clock, EngineConfig config) {
        this.store = store;
        this.endpoints = endpoints;
        this.configs = configs;
        this.containers = containers;
        this.events = events;
        this.clock = clock;
        this.bridgeFile = config.dataRoot().resolve("network").resolve("bridge.json");
    }

    /**
     * Set by Guice only when a {@link NetworkPlumbing} is bound.
     *
     * @param plumbing the plumbing
     * @param bridge the default bridge
     * @param namespaces the containers' network namespaces
     * @param dns the embedded DNS servers (a running container connected to a user network gets one)
     */
    @com.google.inject.Inject(optional = true)
    public void plumbing(NetworkPlumbing plumbing, DefaultBridge bridge, NetworkNamespaces namespaces,
                         io.berth.engine.network.dns.EmbeddedDns dns) {
        this.plumbing = plumbing;
        this.bridge = bridge;
        this.namespaces = namespaces;
        this.dns = dns;
    }

    /** @return true if networks get bridges and containers interfaces (a plumbing is bound) */
    public boolean hasPlumbing() {
        return plumbing != null;
    }

    /**
     * What {@code POST /networks/create} asks for (Docker's NetworkCreateRequest).
     *
     * @param name Name
     * @param checkDuplicate CheckDuplicate
     * @param driver Driver ("" means bridge)
     * @param internal Internal
     * @param attachable Attachable
     * @param ingress Ingress
     * @param enableIpv6 EnableIPv6
     * @param ipamDriver IPAM.Driver ("" or "default")
     * @param ipamConfig IPAM.Config
     * @param ipamOptions IPAM.Options (null: not given)
     * @param options Options
     * @param labels Labels
     * @param configOnly ConfigOnly
     * @param configFrom ConfigFrom.Network ("" when not given)
     */
    public record CreateSpec(String name, boolean checkDuplicate, String driver, boolean internal,
                             boolean attachable, boolean ingress, boolean enableIpv6, String ipamDriver,
                             List<IpamPool> ipamConfig, Map<String, String> ipamOptions,
                             Map<String, String> options, Map<String, String> labels, boolean configOnly,
                             String configFrom) {
    }

    /**
     * @param id the new network's ID
     * @param warning dockerd's warning for a duplicate name without CheckDuplicate, else ""
     */
    public record Created(String id, String warning) {
    }

    /**
     * A network as list and inspect show it.
     *
     * @param record the record (the default bridge's made from {@link DefaultBridge})
     * @param builtin bridge, host or none
     * @param containers its active endpoints (inspect only; empty for list)
     */
    public record View(NetworkRecord record, boolean builtin, List<Member> containers) {
    }

    /**
     * One active endpoint of a network (Docker's EndpointResource).
     *
     * @param containerId the container
     * @param name its name without the leading '/'
     * @param endpointId EndpointID
     * @param macAddress MacAddress
     * @param ipv4Address "172.18.0.2/16" or ""
     * @param ipv6Address "fd00::2/64" or ""
     */
    public record Member(String containerId, String name, String endpointId, String macAddress, String ipv4Address,
                         String ipv6Address) {
    }

    /**
     * {@code POST /networks/create}.
     *
     * @param spec the request
     * @return the ID and warning
     * @throws PermissionDeniedException (403) for a predefined name, an overlapping subnet, ingress
     * @throws AlreadyExistsException (409) "network with name x already exists"
     * @throws InvalidArgumentException (400) for a bad name, subnet, range, gateway or option
     * @throws NotFoundException (404) for an unknown driver
     * @throws NotImplementedException (501) for a driver or feature berth lacks
     */
    public synchronized Created create(CreateSpec spec) {
        // The name is kept as given, as dockerd keeps it; libnetwork's config.IsValidName refuses only a blank one
        // (ErrInvalidName, 400 "invalid name: <name>"). An empty Name keeps berth's own text: dockerd 20.10 looks
        // "" up as the default driver's network and answers the CLI's CheckDuplicate with a 409.
        String name = spec.name() == null ? "" : spec.name();
        if (name.isEmpty()) {
            throw new InvalidArgumentException("invalid name: network name cannot be empty");
        }
        if (name.isBlank()) {
            throw new InvalidArgumentException("invalid name: " + name);
        }
        if (NetworkRecord.PREDEFINED.contains(name)) {
            throw new PermissionDeniedException("operation is not permitted on predefined " + name + " network");
        }
        checkDriver(spec.driver() == null ? "" : spec.driver());
        if (spec.ingress()) {
            throw new PermissionDeniedException("berth does not support ingress networks (swarm mode only)");
        }
        if (spec.configOnly() || spec.configFrom() != null && !spec.configFrom().isEmpty()) {
            throw new NotImplementedException("berth does not support configuration-only networks (--config-only,"
                    + " --config-from) yet");
        }
        if (spec.ipamDriver() != null && !spec.ipamDriver().isEmpty() && !spec.ipamDriver().equals("default")) {
            throw new NotFoundException("plugin \"" + spec.ipamDriver() + "\" not found");
        }
        Map<String, String> options = spec.options() == null ? Map.of() : spec.options();
        NetworkOptions.check(options);
        String warning = "";
        Optional<View> existing = byName(name);
        if (existing.isPresent()) {
            if (spec.checkDuplicate()) {
                throw new AlreadyExistsException("network with name " + name + " already exists");
            }
            warning = "Network with name " + name + " (id : " + existing.get().record().id() + ") already exists";
        }
        List<IpamPool> pools = spec.ipamConfig() == null ? List.of() : spec.ipamConfig();
        List<IpamPool> v4 = pools.stream().filter(p -> !p.isIpv6()).toList();
        List<IpamPool> v6 = pools.stream().filter(IpamPool::isIpv6).toList();
        if (v4.size() > 1 || v6.size() > 1) {
            throw new NotImplementedException("berth supports one IPv4 and one IPv6 subnet per network");
        }
        if (spec.enableIpv6() && v6.isEmpty()) {
            throw new NotImplementedException("berth needs the IPv6 subnet of an IPv6 network (--ipv6 --subnet)");
        }
        for (IpamPool p : v6) {
            Ipv6Check.pool(p);
        }
        String id = DefaultBridge.randomId();
        String bridgeName = options.getOrDefault(NetworkDefinition.OPTION_BRIDGE_NAME, "br-" + id.substring(0, 12));
        for (View other : views()) {
            if (!other.builtin() && other.record().bridgeName().equals(bridgeName)) {
                throw new PermissionDeniedException("bridge name " + bridgeName + " is already in use by network "
                        + other.record().name());
            }
        }
        try (AutoCloseable lock = SubnetProbe.hostLock()) {
            Ipv4Cidr subnet;
            String gateway;
            List<Ipv4Cidr> taken = takenSubnets();
            if (v4.isEmpty()) {
                subnet = SubnetProbe.free(taken);
                gateway = subnet.nth(1);
            } else {
                IpamPool p = v4.get(0);
                subnet = checkedSubnet(p.subnet());
                if (taken.stream().anyMatch(t -> t.overlaps(subnet))) {
                    throw new PermissionDeniedException("Pool overlaps with other one on this address space");
                }
                if (!p.ipRange().isEmpty()) {
                    Ipv4Cidr range = checkedSubnet(p.ipRange());
                    if (range.prefix() < subnet.prefix() || !subnet.contains(range.network().address())) {
                        throw new InvalidArgumentException("Invalid Address: " + p.ipRange()
                                + " is not a sub-range of the subnet " + p.subnet());
                    }
                }
                gateway = p.gateway().isEmpty() ? subnet.nth(1) : checkedGateway(p.gateway(), subnet);
                for (String aux : p.auxAddresses().values()) {
                    checkedAddress(aux, subnet, "auxiliary address");
                }
            }
            NetworkRecord r = new NetworkRecord(id, name, clock.instant(), "bridge", spec.enableIpv6(),
                    spec.ipamOptions(), pools, subnet.toString(), gateway, spec.internal(), spec.attachable(),
                    options, spec.labels());
            NetworkPlumbing p = plumbing;
            if (p != null) {
                p.ensureNetwork(r.definition());
            }
            try {
                store.put(r);
            } catch (RuntimeException e) {
                if (p != null) {
                    p.removeNetwork(r.definition());
                }
                throw e;
            }
            LOG.info("created network {} ({}) on {}", name, id, subnet);
            publish("create", r, null);
            return new Created(id, warning);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UnavailableException("cannot take the host's subnet lock: " + e.getMessage());
        }
    }

    private static void checkDriver(String driver) {
        switch (driver) {
            case "", "bridge" -> { }
            case "host", "null" -> throw new PermissionDeniedException("only one instance of \"" + driver
                    + "\" network is allowed");
            case "overlay" -> throw new UnavailableException("This node is not a swarm manager. Use \"docker swarm"
                    + " init\" or \"docker swarm join\" to connect this node to swarm and try again.");
            default -> {
                if (DRIVERS_NOT_IMPLEMENTED.contains(driver)) {
                    throw new NotImplementedException("berth does not support the " + driver
                            + " network driver yet (bridge only)");
                }
                throw new NotFoundException("plugin \"" + driver + "\" not found");
            }
        }
    }

    private static Ipv4Cidr checkedSubnet(String text) {
        Ipv4Cidr c = Ipv4Cidr.parse(text);
        if (c.prefix() > 30) {
            throw new InvalidArgumentException("invalid subnet " + text + ": the prefix must be /30 or shorter");
        }
        return c.network();
    }

    /**
     * A gateway must be a host address of the subnet: libnetwork's IPAM reserves the network and broadcast
     * addresses, so dockerd 20.10 fails the create with "failed to allocate gateway (x): Address already in use"
     * (a 500 there, wrapped as an internal error; 400 here, as it is the client's mistake).
     */
    private static String checkedGateway(String text, Ipv4Cidr subnet) {
        String gw = checkedAddress(text, subnet, "gateway");
        long a = Ipv4Cidr.parse(gw).address();
        long broadcast = subnet.address() | ~subnet.mask() & 0xffffffffL;
        if (a == subnet.address() || a == broadcast) {
            throw new InvalidArgumentException("failed to allocate gateway (" + text + "): Address already in use");
        }
        return gw;
    }

    private static String checkedAddress(String text, Ipv4Cidr subnet, String what) {
        Ipv4Cidr a = Ipv4Cidr.parse(text);
        if (a.prefix() != 32 || !subnet.contains(a.address())) {
            throw new InvalidArgumentException("invalid " + what + " " + text + ": it is not in the subnet " + subnet);
        }
        return a.addressText();
    }

    /** @return the IPv4 subnets of every network of this daemon, the default bridge's included */
    private List<Ipv4Cidr> takenSubnets() {
        List<Ipv4Cidr> out = new ArrayList<>();
        for (View v : views()) {
            if (!v.record().subnet().isEmpty()) {
                out.add(Ipv4Cidr.parse(v.record().subnet()));
            }
        }
        return out;
    }

    /**
     * {@code GET /networks}: bridge, host, none, then the user networks by creation.
     *
     * @param filters the checked filters
     * @return the matching networks (without their containers, as dockerd's list)
     */
    public List<View> list(NetworkFilters filters) {
        Instant now = clock.instant();
        Set<String> active = activeNetworkIds();
        List<View> out = new ArrayList<>();
        for (View v : views()) {
            if (filters.matches(v.record(), v.builtin(), active.contains(v.record().id()), now)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * {@code GET /networks/{id}}.
     *
     * @param ref an ID, name or unique ID prefix
     * @return the network with its active endpoints
     * @throws NotFoundException "network x not found"
     */
    public View inspect(String ref) {
        View v = find(ref);
        List<Member> members = new ArrayList<>();
        for (String cid : endpoints.containerIds()) {
            for (Attachment a : endpoints.load(cid)) {
                Endpoint e = a.endpoint();
                if (e == null || !a.network().id().equals(v.record().id())) {
                    continue;
                }
                String cname = containers.find(cid).map(c -> c.record().name()).orElse("");
                members.add(new Member(cid, cname.startsWith("/") ? cname.substring(1) : cname, e.endpointId(),
                        e.macAddress(), e.ipAddress().isEmpty() ? "" : e.ipAddress() + "/" + e.ipPrefixLen(),
                        e.globalIpv6Address().isEmpty() ? "" : e.globalIpv6Address() + "/"
                                + e.globalIpv6PrefixLen()));
            }
        }
        return new View(v.record(), v.builtin(), members);
    }

    /**
     * @param ref an ID, name or unique ID prefix
     * @return the network (without members)
     * @throws NotFoundException "network x not found"
     */
    public View find(String ref) {
        View b = bridgeView();
        if (ref.equals(b.record().id()) || ref.equals("bridge") || ref.equals("default")) {
            return b;
        }
        Optional<NetworkRecord> r = store.find(ref);
        if (r.isPresent()) {
            return new View(r.get(), r.get().isPredefined(), List.of());
        }
        if (!ref.isEmpty() && b.record().id().startsWith(ref)) {
            return b;
        }
        throw new NotFoundException("network " + ref + " not found");
    }

    private Optional<View> byName(String name) {
        return views().stream().filter(v -> v.record().name().equals(name)).findFirst();
    }

    /**
     * {@code DELETE /networks/{id}}.
     *
     * @param ref an ID, name or unique ID prefix
     * @throws NotFoundException "network x not found"
     * @throws PermissionDeniedException (403) for a predefined network or one with active endpoints
     */
    public synchronized void remove(String ref) {
        View v = find(ref);
        NetworkRecord r = v.record();
        if (v.builtin()) {
            throw new PermissionDeniedException(r.name() + " is a pre-defined network and cannot be removed");
        }
        if (activeNetworkIds().contains(r.id())) {
            throw new PermissionDeniedException("error while removing network: network " + r.name() + " id "
                    + r.id() + " has active endpoints");
        }
        destroy(r);
    }

    private void destroy(NetworkRecord r) {
        NetworkPlumbing p = plumbing;
        if (p != null) {
            p.removeNetwork(r.definition());
        }
        store.remove(r.id());
        LOG.info("removed network {} ({})", r.name(), r.id());
        publish("destroy", r, null);
    }

    /**
     * {@code POST /networks/prune}: every user network without active endpoints that the filters accept.
     *
     * @param filters the checked prune filters
     * @return the names of the removed networks, in creation order
     */
    public synchronized List<String> prune(NetworkFilters filters) {
        Set<String> active = activeNetworkIds();
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        for (View v : views()) {
            NetworkRecord r = v.record();
            if (!v.builtin() && !active.contains(r.id()) && filters.matches(r, false, false, now)) {
                try {
                    destroy(r);
                    out.add(r.name());
                } catch (RuntimeException e) {
                    LOG.warn("prune: cannot remove network {}: {}", r.name(), e.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * {@code POST /networks/{id}/connect}: a created container gets the network in its configuration (attached at
     * its next start); a running one is attached at once through the plumbing.
     *
     * @param networkRef the network
     * @param containerRef the container
     * @param settings the EndpointConfig (its networkId/networkName are filled here)
     * @throws NotFoundException for the network or the container
     * @throws PermissionDeniedException (403) when the container is connected already
     * @throws InvalidArgumentException (400) runconfig's texts for what cannot be connected
     * @throws NotImplementedException (501) for a running container without a plumbing
     */
    public void connect(String networkRef, String containerRef, EndpointSettings settings) {
        View v = find(networkRef);
        Container c = containers.get(containerRef);
        c.lock().lock();
        try {
            String mode = c.record().hostConfig().getNetworkMode();
            checkConnectable(mode, v);
            EndpointSettings es = new EndpointSettings(v.record().id(), v.record().name(), settings.ipv4Address(),
                    settings.ipv6Address(), settings.aliases(), settings.links());
            checkEndpoint(v, es);
            List<EndpointSettings> list = configs.load(c.id());
            // A user NetworkMode's network is an entry of the list (checkCreate), so a created container disconnected
            // from it can be connected again, as docker-compose 1.29 does before every start (it disconnects and
            // connects when the short ID is not among the aliases); only a builtin mode's network is implied.
            boolean implied = v.builtin() && isModeNetwork(mode, v);
            if (implied || list.stream().anyMatch(e -> e.networkId().equals(v.record().id())
                    || e.networkId().isEmpty() && e.networkName().equals(v.record().name()))) {
                throw new PermissionDeniedException("endpoint with name " + shortName(c) + " already exists in network "
                        + v.record().name());
            }
            if (c.record().state().isRunning()) {
                attachRunning(c, v, es);
            }
            list.add(es);
            configs.save(c.id(), list);
            publish("connect", v.record(), c.id());
        } finally {
            c.lock().unlock();
        }
    }

    private static String shortName(Container c) {
        String n = c.record().name();
        return n.startsWith("/") ? n.substring(1) : n;
    }

    private static boolean isModeNetwork(String mode, View v) {
        if (v.builtin()) {
            return v.record().name().equals(mode) || "bridge".equals(v.record().name())
                    && (mode.isEmpty() || mode.equals("default"));
        }
        return mode.equals(v.record().name()) || mode.equals(v.record().id());
    }

    private static void checkConnectable(String mode, View v) {
        if (mode.startsWith("container:")) {
            throw new InvalidArgumentException("container sharing network namespace with another container or host"
                    + " cannot be connected to any other network");
        }
        String target = v.record().name();
        if (mode.equals("host") || v.builtin() && target.equals("host")) {
            throw new InvalidArgumentException("container cannot be disconnected from host network or connected to"
                    + " host network");
        }
        if (mode.equals("none") || v.builtin() && target.equals("none")) {
            throw new InvalidArgumentException("container cannot be connected to multiple networks with one of the"
                    + " networks in private (none) mode");
        }
    }

    /**
     * runconfig's checks of an endpoint's IPAM config and aliases (daemon/container_operations.go
     * {@code validateNetworkingConfig} / {@code updateNetworkConfig}).
     *
     * @param v the network
     * @param es the endpoint settings
     * @throws InvalidArgumentException with dockerd's texts
     */
    void checkEndpoint(View v, EndpointSettings es) {
        boolean userNetwork = !v.builtin();
        if (!userNetwork && (!es.ipv4Address().isEmpty() || !es.ipv6Address().isEmpty())) {
            throw new InvalidArgumentException("user specified IP address is supported on user defined networks"
                    + " only");
        }
        if (!userNetwork && !es.aliases().isEmpty()) {
            throw new InvalidArgumentException("network-scoped alias is supported only for containers in user"
                    + " defined networks");
        }
        if (!es.ipv4Address().isEmpty()) {
            if (v.record().ipamConfig().stream().noneMatch(p -> !p.isIpv6())) {
                throw new InvalidArgumentException("user specified IP address is supported only when connecting to"
                        + " networks with user configured subnets");
            }
            Ipv4Cidr a = Ipv4Cidr.parse(es.ipv4Address());
            Ipv4Cidr subnet = Ipv4Cidr.parse(v.record().subnet());
            if (a.prefix() != 32 || !subnet.contains(a.address())) {
                throw new InvalidArgumentException("invalid IPv4 address " + es.ipv4Address() + ": it is not in the"
                        + " subnet " + subnet + " of network " + v.record().name());
            }
        }
        if (!es.ipv6Address().isEmpty() && v.record().ipamConfig().stream().noneMatch(IpamPool::isIpv6)) {
            throw new InvalidArgumentException("user specified IP address is supported only when connecting to"
                    + " networks with user configured subnets");
        }
    }

    private void attachRunning(Container c, View v, EndpointSettings es) {
        NetworkPlumbing p = plumbing;
        if (p == null) {
            throw new NotImplementedException("berth cannot connect a running container to a network yet (no"
                    + " network plumbing in this build)");
        }
        List<Attachment> current = endpoints.load(c.id());
        String ifname = "eth" + current.size();
        List<String> aliases = new ArrayList<>(es.aliases());
        EndpointRequest req = new EndpointRequest(c.id(), namespaces.path(c.id()).toString(), ifname,
                es.ipv4Address(), es.ipv6Address(), null, aliases, List.of());
        NetworkDefinition d = v.record().definition();
        p.ensureNetwork(d);
        Attachment a = new Attachment(d, req, null);
        current.add(a);
        endpoints.save(c.id(), current);
        try {
            Endpoint e = p.attach(d, req);
            current.set(current.size() - 1, a.withEndpoint(e));
            endpoints.save(c.id(), current);
        } catch (RuntimeException e) {
            current.remove(current.size() - 1);
            endpoints.save(c.id(), current);
            throw e;
        }
        io.berth.engine.network.dns.EmbeddedDns d2 = dns;
        if (d2 != null && !d2.isServing(c.id())) {
            try {
                d2.start(c.id(), namespaces.path(c.id()));
            } catch (RuntimeException e) {
                LOG.warn("no embedded DNS for {}: {}", c.id(), e.getMessage());
            }
        }
    }

    /**
     * {@code POST /networks/{id}/disconnect}.
     *
     * @param networkRef the network
     * @param containerRef the container
     * @param force Force (a container that is gone is no error)
     * @throws NotFoundException for the network or the container
     * @throws InvalidArgumentException "container x is not connected to network y" (running; "to the network y"
     * when not running, as dockerd 20.10 daemon/container_operations.go DisconnectFromNetwork), host networking
     * @throws NotImplementedException for the default bridge of a container (NetworkMode bridge)
     */
    public void disconnect(String networkRef, String containerRef, boolean force) {
        View v = find(networkRef);
        Optional<Container> found = containers.find(containerRef);
        if (found.isEmpty()) {
            if (force) {
                return;
            }
            throw new NotFoundException("No such container: " + containerRef);
        }
        Container c = found.get();
        c.lock().lock();
        try {
            String mode = c.record().hostConfig().getNetworkMode();
            if (mode.equals("host") && v.builtin() && v.record().name().equals("host")) {
                throw new InvalidArgumentException("container cannot be disconnected from host network or connected"
                        + " to host network");
            }
            List<EndpointSettings> list = configs.load(c.id());
            boolean configured = list.removeIf(e -> e.networkId().equals(v.record().id()));
            if (!configured) {
                if (isModeNetwork(mode, v) && v.builtin() && v.record().name().equals("bridge")) {
                    throw new NotImplementedException("berth cannot disconnect a container from the default bridge"
                            + " network yet");
                }
                // dockerd 20.10's DisconnectFromNetwork has two texts: "the network" for a container that is not
                // running (its NetworkSettings.Networks lookup), "network" from disconnectFromNetwork otherwise.
                String article = c.record().state().isRunning() ? "" : "the ";
                throw new InvalidArgumentException("container " + c.id() + " is not connected to " + article
                        + "network " + v.record().name());
            }
            detachRunning(c, v);
            configs.save(c.id(), list);
            publish("disconnect", v.record(), c.id());
        } finally {
            c.lock().unlock();
        }
    }

    private void detachRunning(Container c, View v) {
        List<Attachment> current = endpoints.load(c.id());
        List<Attachment> left = new ArrayList<>();
        for (Attachment a : current) {
            if (a.network().id().equals(v.record().id())) {
                NetworkPlumbing p = plumbing;
                if (p != null) {
                    p.detach(a.network(), a.request());
                }
            } else {
                left.add(a);
            }
        }
        if (left.size() != current.size()) {
            endpoints.save(c.id(), left);
        }
    }

    /**
     * Checks a create's networking before anything is made and returns what to keep. A user-network NetworkMode
     * naming no network is no error at create, as in dockerd 20.10 ({@code updateContainerNetworkSettings} ignores
     * the lookup's error): the start fails with "network x not found" ({@link #configured}). The endpoint configs
     * of an existing network follow {@link #checkEndpoint}'s rules.
     *
     * @param networkMode the HostConfig's NetworkMode
     * @param endpointsConfig NetworkingConfig.EndpointsConfig by network name (or ID)
     * @return the settings to keep for the container ({@link #created}): the user network of NetworkMode
     * @throws InvalidArgumentException for endpoint settings the network cannot take
     * @throws NotImplementedException for a user network while no plumbing is bound
     */
    public List<EndpointSettings> checkCreate(String networkMode, Map<String, EndpointSettings> endpointsConfig) {
        Map<String, EndpointSettings> given = endpointsConfig == null ? Map.of() : endpointsConfig;
        String mode = networkMode == null ? "" : networkMode;
        if (Set.of("", "default", "bridge", "host", "none").contains(mode) || mode.startsWith("container:")) {
            for (Map.Entry<String, EndpointSettings> e : given.entrySet()) {
                if (e.getKey().equals(mode) || mode.isEmpty() && e.getKey().equals("bridge")) {
                    View v = find(e.getKey());
                    checkEndpoint(v, e.getValue());
                }
            }
            return List.of();
        }
        if (plumbing == null) {
            throw new NotImplementedException("berth cannot attach containers to user-defined networks yet (no network"
                    + " plumbing in this build)");
        }
        Optional<View> v = findOptional(mode);
        EndpointSettings es = given.getOrDefault(mode, v.map(x -> given.get(x.record().id())).orElse(null));
        if (es == null) {
            es = new EndpointSettings(null, null, null, null, null, null);
        }
        if (v.isEmpty()) {
            return List.of(new EndpointSettings("", mode, es.ipv4Address(), es.ipv6Address(), es.aliases(),
                    es.links()));
        }
        es = new EndpointSettings(v.get().record().id(), v.get().record().name(), es.ipv4Address(),
                es.ipv6Address(), es.aliases(), es.links());
        checkEndpoint(v.get(), es);
        return List.of(es);
    }

    private Optional<View> findOptional(String ref) {
        try {
            return Optional.of(find(ref));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps a new container's networks (after its record is saved).
     *
     * @param containerId the container
     * @param settings from {@link #checkCreate}
     */
    public void created(String containerId, List<EndpointSettings> settings) {
        if (!settings.isEmpty()) {
            configs.save(containerId, settings);
        }
    }

    /**
     * The user networks a container is to be attached to at its start, in order, each with its settings.
     *
     * @param containerId the container
     * @return network and settings pairs
     * @throws NotFoundException "network x not found" for a network that does not exist (any more): dockerd fails
     *     the start the same way
     */
    public List<Map.Entry<NetworkDefinition, EndpointSettings>> configured(String containerId) {
        List<Map.Entry<NetworkDefinition, EndpointSettings>> out = new ArrayList<>();
        for (EndpointSettings es : configs.load(containerId)) {
            String ref = es.networkId().isEmpty() ? es.networkName() : es.networkId();
            NetworkRecord r = store.find(ref).filter(x -> !x.isPredefined())
                    .orElseThrow(() -> new NotFoundException("network " + es.networkName() + " not found"));
            out.add(Map.entry(r.definition(), es));
        }
        return out;
    }

    /** @return every network: bridge, then the store's (host, none, user networks by creation) */
    private List<View> views() {
        List<View> out = new ArrayList<>();
        out.add(bridgeView());
        for (NetworkRecord r : store.all()) {
            out.add(new View(r, r.isPredefined(), List.of()));
        }
        return out;
    }

    /** @return IDs of the networks with an endpoint record (a running container, or a crash mid-attach) */
    private Set<String> activeNetworkIds() {
        Set<String> out = new java.util.HashSet<>();
        for (String cid : endpoints.containerIds()) {
            for (Attachment a : endpoints.load(cid)) {
                out.add(a.network().id());
            }
        }
        return out;
    }

    /**
     * The default bridge as a record: from {@link DefaultBridge} when the plumbing is bound, else from its file
     * {@code <data-root>/network/bridge.json}, else (no bridge was ever set up on this data root) a bridge without
     * a subnet whose ID is derived from the data root, so that it stays the same between requests.
     */
    private View bridgeView() {
        DefaultBridge b = bridge;
        NetworkDefinition d = b != null ? b.definition() : readBridgeFile();
        Instant created = Instant.EPOCH;
        try {
            created = Files.getLastModifiedTime(bridgeFile).toInstant();
        } catch (IOException e) {
            // not set up yet: no creation time to show
        }
        NetworkRecord r;
        if (d != null) {
            r = new NetworkRecord(d.id(), "bridge", created, "bridge", false, null,
                    List.of(new IpamPool(d.subnet(), null, d.gateway(), null)), d.subnet(), d.gateway(), false,
                    false, d.options(), Map.of());
        } else {
            r = new NetworkRecord(derivedId(bridgeFile.toString()), "bridge", created, "bridge", false, null,
                    List.of(), "", "", false, false, Map.of(), Map.of());
        }
        return new View(r, true, List.of());
    }

    private NetworkDefinition readBridgeFile() {
        try {
            return io.berth.common.json.Json.MAPPER.readValue(Files.readAllBytes(bridgeFile), NetworkDefinition.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String derivedId(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("berth default bridge " + seed).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String action, NetworkRecord r, String containerId) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (containerId != null) {
            attrs.put("container", containerId);
        }
        attrs.put("name", r.name());
        attrs.put("type", r.driver());
        events.publish("network", action, r.id(), attrs, DockerTime.toNanos(clock.instant()));
    }
}
