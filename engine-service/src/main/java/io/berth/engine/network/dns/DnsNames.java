package io.berth.engine.network.dns;

import io.berth.engine.container.ContainerIds;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.network.Attachment;
import io.berth.engine.network.EndpointStore;
import io.berth.engine.network.NetworkDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names the embedded DNS server answers for one asking container, from the endpoint records
 * ({@link EndpointStore}: every running container's attachments with their addresses) and the container names: on
 * each user-defined network the asker is attached to, every attached container is known by its name, its short ID
 * (12 hex digits), its full ID and its network aliases ({@code --network-alias}, {@code --alias} of connect), as
 * dockerd's libnetwork registers them. The default bridge resolves nothing (dockerd: names there only through
 * {@code --link}, written into /etc/hosts).
 */
@Singleton
public class DnsNames {
    private static final String DEFAULT_BRIDGE_OPTION = "com.docker.network.bridge.default_bridge";

    private final EndpointStore endpoints;
    private final ContainerStore containers;

    /**
     * @param endpoints the endpoint records
     * @param containers the containers (names)
     */
    @Inject
    public DnsNames(EndpointStore endpoints, ContainerStore containers) {
        this.endpoints = endpoints;
        this.containers = containers;
    }

    /**
     * @param askerId the asking container
     * @param name a name, lower case, without the trailing dot
     * @return its IPv4 addresses on the networks the asker shares, in attach order, empty if it has none
     */
    public List<Inet4Address> lookup(String askerId, String name) {
        Set<String> networks = new HashSet<>();
        for (Attachment a : endpoints.load(askerId)) {
            if (!isDefaultBridge(a.network())) {
                networks.add(a.network().id());
            }
        }
        List<Inet4Address> out = new ArrayList<>();
        if (networks.isEmpty()) {
            return out;
        }
        for (String cid : endpoints.containerIds()) {
            for (Attachment a : endpoints.load(cid)) {
                if (a.endpoint() == null || !networks.contains(a.network().id())
                        || a.endpoint().ipAddress().isEmpty() || !names(cid, a).contains(name)) {
                    continue;
                }
                try {
                    if (InetAddress.getByName(a.endpoint().ipAddress()) instanceof Inet4Address v4
                            && !out.contains(v4)) {
                        out.add(v4);
                    }
                } catch (UnknownHostException e) {
                    // an address the record cannot have (written by the plumbing from a CNI result)
                }
            }
        }
        return out;
    }

    /**
     * The upstreams a container's questions go to instead of the host's, as dockerd's resolver takes the
     * container's {@code --dns} servers as its external servers (libnetwork sandbox_dns_unix.go
     * {@code setExternalResolvers}).
     *
     * @param containerId the asking container
     * @return its HostConfig.Dns addresses as given, empty when none (or the container is gone)
     */
    public List<String> dnsServers(String containerId) {
        return containers.find(containerId).map(c -> List.copyOf(c.record().hostConfig().getDnsList()))
                .orElse(List.of());
    }

    private Set<String> names(String cid, Attachment a) {
        Set<String> n = new HashSet<>();
        n.add(cid);
        n.add(ContainerIds.shortId(cid));
        containers.find(cid).ifPresent(c -> {
            String name = c.record().name();
            n.add((name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT));
        });
        for (String alias : a.request().aliases()) {
            n.add(alias.toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private static boolean isDefaultBridge(NetworkDefinition d) {
        return "true".equals(d.options().get(DEFAULT_BRIDGE_OPTION));
    }
}
