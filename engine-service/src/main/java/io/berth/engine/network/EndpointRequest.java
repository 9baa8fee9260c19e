package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one container wants on one network (one CNI attachment, CNI spec 1.0.0 "Attachment": container ID,
 * netns, interface name). Kept in the container's endpoint record ({@link EndpointStore}) before the plumbing
 * acts, so that {@link NetworkPlumbing#detach} can run from the records alone after a crash.
 *
 * @param containerId the container's 64-hex-digit ID (CNI_CONTAINERID)
 * @param netnsPath the container's network namespace, a bind-mounted nsfs file
 *     ({@link NetworkNamespaces#path}); CNI_NETNS. May be gone at detach (after a reboot).
 * @param interfaceName the interface inside the namespace: "eth0" for the first network, "eth1"... (CNI_IFNAME)
 * @param ipv4Address a fixed IPv4 address ({@code --ip}), or null for the next free one of the network
 * @param ipv6Address a fixed IPv6 address ({@code --ip6}), or null
 * @param macAddress a fixed MAC address ({@code --mac-address}, "02:42:ac:11:00:02" form), or null: a random one
 *     the bridge plugin chooses
 * @param aliases the container's names on this network (for the DNS records; the plumbing ignores them)
 * @param portMappings the ports to publish through this attachment (the {@code portmap} plugin); empty for none.
 *     Give them on one attachment only (the first bridge network), as dockerd publishes through one endpoint.
 */
public record EndpointRequest(
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("NetnsPath") String netnsPath,
        @JsonProperty("InterfaceName") String interfaceName,
        @JsonProperty("IPv4Address") String ipv4Address,
        @JsonProperty("IPv6Address") String ipv6Address,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("Aliases") List<String> aliases,
        @JsonProperty("PortMappings") List<PortMapping> portMappings) {

    /** Copies the lists and normalizes nulls and empty strings. */
    public EndpointRequest {
        ipv4Address = ipv4Address == null || ipv4Address.isEmpty() ? null : ipv4Address;
        ipv6Address = ipv6Address == null || ipv6Address.isEmpty() ? null : ipv6Address;
        macAddress = macAddress == null || macAddress.isEmpty() ? null : macAddress;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    }
}
