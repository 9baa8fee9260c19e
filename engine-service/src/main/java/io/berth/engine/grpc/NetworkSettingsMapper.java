package io.berth.engine.grpc;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.network.Attachment;
import io.berth.engine.network.ContainerNetworks;
import io.berth.engine.network.DefaultBridge;
import io.berth.engine.network.Endpoint;
import io.berth.engine.network.NetworkDefinition;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.engine.network.ports.PortMap;
import io.berth.proto.engine.v1.EndpointSettings;
import io.berth.proto.engine.v1.NetworkSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A container's {@code NetworkSettings} (berth.engine.v1, Docker Engine API 1.41 container inspect and list) from
 * its endpoint record ({@link ContainerNetworks#attachments}) and NetworkMode, as dockerd 20.10 shows them:
 * <ul>
 *   <li>running on a network: SandboxKey = its namespace file, SandboxID, one entry per attachment with the
 *       addresses, gateway, MAC, NetworkID and EndpointID; Ports ({@link PortMap}: its exposed ports with the host
 *       ports it holds);</li>
 *   <li>not running (created, exited): one entry for its NetworkMode's network with empty addresses (a user
 *       network's only while the container is configured for it: not after a disconnect from it); NetworkID
 *       only once it ran (dockerd keeps it after a stop, clears the rest); then one per network connected while
 *       it was stopped ({@code ContainerNetworkConfigs}), with its NetworkID and aliases;</li>
 *   <li>Aliases: the network aliases, and on a user network also the short ID, as dockerd 20.10 lists them;</li>
 *   <li>"none" and "host": the one entry "none"/"host" with empty fields; "container:&lt;x&gt;": no entry.</li>
 * </ul>
 */
@Singleton
public final class NetworkSettingsMapper {
    private final ContainerNetworks networks;
    private final DefaultBridge bridge;
    private final HostPortReservations ports;
    private final io.berth.engine.network.ContainerNetworkConfigs configs;

    /**
     * @param networks the containers' networks
     * @param bridge the default bridge network (its ID for containers that are not running)
     * @param ports the host ports running containers hold (Ports)
     * @param configs the networks a container is configured for (user NetworkMode, connect while stopped)
     */
    @Inject
    public NetworkSettingsMapper(ContainerNetworks networks, DefaultBridge bridge, HostPortReservations ports,
                                 io.berth.engine.network.ContainerNetworkConfigs configs) {
        this.networks = networks;
        this.bridge = bridge;
        this.ports = ports;
        this.configs = configs;
    }

    /**
     * @param r a container
     * @return its NetworkSettings
     */
    public NetworkSettings of(ContainerRecord r) {
        String mode = r.hostConfig().getNetworkMode();
        NetworkSettings.Builder b = NetworkSettings.newBuilder();
        if (mode.startsWith("container:")) {
            return b.build();
        }
        List<Attachment> attached = r.state().isRunning() ? networks.attachments(r.id()) : List.of();
        Path ns = r.state().isRunning() ? networks.namespace(r.id()) : null;
        if (ns != null) {
            b.setSandboxKey(ns.toString()).setSandboxId(sandboxId(r, ns));
        }
        if (!attached.isEmpty()) {
            b.putAllPorts(PortMap.of(r.config(), r.hostConfig(), true, ports.published(r.id())));
            for (Attachment a : attached) {
                EndpointSettings.Builder e = endpoint(a.network(), a.endpoint()).toBuilder()
                        .addAllAliases(a.request().aliases())
                        .setIpamIpv4Address(a.request().ipv4Address() == null ? "" : a.request().ipv4Address())
                        .setIpamIpv6Address(a.request().ipv6Address() == null ? "" : a.request().ipv6Address());
                if (!ContainerNetworks.isDefaultBridge(a.network().name())) {
                    e.addAliases(io.berth.engine.container.ContainerIds.shortId(r.id())); // dockerd 20.10 does
                }
                b.addNetworks(e);
            }
            return b.build();
        }
        String name = ContainerNetworks.isDefaultBridge(mode) ? "bridge" : mode;
        EndpointSettings.Builder e = EndpointSettings.newBuilder().setNetworkName(name);
        if (ContainerNetworks.isDefaultBridge(mode) && r.state().startedAt() != null) {
            NetworkDefinition d = bridge.definitionIfKnown();
            if (d != null) {
                e.setNetworkId(d.id()).setBridge(d.bridgeName());
            }
        }
        List<io.berth.engine.network.EndpointSettings> configured = configs.load(r.id());
        for (io.berth.engine.network.EndpointSettings c : configured) {
            if (c.networkName().equals(name)) { // a user NetworkMode: the create's --ip and aliases
                e.setNetworkId(c.networkId()).addAllAliases(c.aliases()).setIpamIpv4Address(c.ipv4Address())
                        .setIpamIpv6Address(c.ipv6Address());
            }
        }
        // A user NetworkMode's network is an entry of the configs (NetworkService.checkCreate): once disconnected
        // from it the container does not show it, as dockerd (its Networks become {}).
        boolean userMode = !ContainerNetworks.isDefaultBridge(mode) && !"none".equals(mode) && !"host".equals(mode);
        if (!userMode || configured.stream().anyMatch(c -> c.networkName().equals(name))) {
            b.addNetworks(e);
        }
        for (io.berth.engine.network.EndpointSettings c : configured) {
            if (!c.networkName().equals(name)) { // connected while stopped: attached at the next start
                b.addNetworks(EndpointSettings.newBuilder().setNetworkName(c.networkName())
                        .setNetworkId(c.networkId()).addAllAliases(c.aliases()).setIpamIpv4Address(c.ipv4Address())
                        .setIpamIpv6Address(c.ipv6Address()));
            }
        }
        return b.build();
    }

    private static EndpointSettings endpoint(NetworkDefinition n, Endpoint ep) {
        EndpointSettings.Builder e = EndpointSettings.newBuilder().setNetworkName(n.name()).setNetworkId(n.id())
                .setBridge(n.bridgeName());
        if (ep != null) {
            e.setEndpointId(ep.endpointId()).setGateway(ep.gateway()).setIpAddress(ep.ipAddress())
                    .setIpPrefixLen(ep.ipPrefixLen()).setIpv6Gateway(ep.ipv6Gateway())
                    .setGlobalIpv6Address(ep.globalIpv6Address()).setGlobalIpv6PrefixLen(ep.globalIpv6PrefixLen())
                    .setMacAddress(ep.macAddress());
        }
        return e.build();
    }

    /** SHA-256 of the container ID, its pid and the namespace path: stable for one run, new for the next. */
    private static String sandboxId(ContainerRecord r, Path ns) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((r.id() + "/" + r.state().pid() + "/" + ns).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
