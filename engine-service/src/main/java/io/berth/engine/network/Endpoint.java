package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One container's attachment to one network once the plumbing made it: the fields of Docker's
 * EndpointSettings (API 1.41 {@code NetworkSettings.Networks.<name>}) that come from the plumbing, read from
 * the CNI ADD result (CNI spec 1.0.0 "Success": interfaces, ips, routes).
 *
 * @param endpointId Docker's EndpointID, 64 hex digits (made by berth per attachment)
 * @param networkId the network's ID
 * @param containerId the container's ID
 * @param interfaceName "eth0", ...
 * @param ipAddress the container's IPv4 address, e.g. "172.18.0.2"
 * @param ipPrefixLen its prefix length, e.g. 16
 * @param gateway the IPv4 gateway, e.g. "172.18.0.1" ("" for an internal network without one)
 * @param macAddress the interface's MAC, "aa:bb:cc:dd:ee:ff"
 * @param globalIpv6Address the IPv6 address, "" without IPv6
 * @param globalIpv6PrefixLen its prefix length, 0 without IPv6
 * @param ipv6Gateway the IPv6 gateway, "" without IPv6
 * @param hostVeth the host end of the veth pair (CNI result's host-side interface), for the records and tests
 * @param ports the published ports programmed on this attachment, host ports resolved
 */
public record Endpoint(
        @JsonProperty("EndpointID") String endpointId,
        @JsonProperty("NetworkID") String networkId,
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("InterfaceName") String interfaceName,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") int ipPrefixLen,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("HostVeth") String hostVeth,
        @JsonProperty("Ports") List<PortMapping> ports) {

    /** Normalizes nulls to "" and copies the list. */
    public Endpoint {
        gateway = gateway == null ? "" : gateway;
        macAddress = macAddress == null ? "" : macAddress;
        globalIpv6Address = globalIpv6Address == null ? "" : globalIpv6Address;
        ipv6Gateway = ipv6Gateway == null ? "" : ipv6Gateway;
        hostVeth = hostVeth == null ? "" : hostVeth;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
