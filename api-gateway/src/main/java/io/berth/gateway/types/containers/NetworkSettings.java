package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker Engine API 1.41 swagger {@code NetworkSettings} of container inspect, in dockerd's field order.
 * berth gives containers a loopback-only network namespace for now (as {@code --network none}), so
 * {@link #loopbackOnly} shows the one network "none" with empty addresses and no ports.
 *
 * @param bridge Bridge
 * @param sandboxId SandboxID
 * @param hairpinMode HairpinMode
 * @param linkLocalIpv6Address LinkLocalIPv6Address
 * @param linkLocalIpv6PrefixLen LinkLocalIPv6PrefixLen
 * @param ports Ports: "80/tcp" → host bindings
 * @param sandboxKey SandboxKey: path of the network namespace, "" when not running
 * @param secondaryIpAddresses SecondaryIPAddresses (null)
 * @param secondaryIpv6Addresses SecondaryIPv6Addresses (null)
 * @param endpointId EndpointID
 * @param gateway Gateway
 * @param globalIpv6Address GlobalIPv6Address
 * @param globalIpv6PrefixLen GlobalIPv6PrefixLen
 * @param ipAddress IPAddress
 * @param ipPrefixLen IPPrefixLen
 * @param ipv6Gateway IPv6Gateway
 * @param macAddress MacAddress
 * @param networks Networks: network name → endpoint
 */
public record NetworkSettings(
        @JsonProperty("Bridge") String bridge,
        @JsonProperty("SandboxID") String sandboxId,
        @JsonProperty("HairpinMode") boolean hairpinMode,
        @JsonProperty("LinkLocalIPv6Address") String linkLocalIpv6Address,
        @JsonProperty("LinkLocalIPv6PrefixLen") int linkLocalIpv6PrefixLen,
        @JsonProperty("Ports") Map<String, Object> ports,
        @JsonProperty("SandboxKey") String sandboxKey,
        @JsonProperty("SecondaryIPAddresses") List<Object> secondaryIpAddresses,
        @JsonProperty("SecondaryIPv6Addresses") List<Object> secondaryIpv6Addresses,
        @JsonProperty("EndpointID") String endpointId,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") int ipPrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("Networks") Map<String, EndpointSettings> networks) {

    /**
     * Docker Engine API 1.41 swagger {@code EndpointSettings}: one entry of {@code Networks}.
     *
     * @param ipamConfig IPAMConfig (null)
     * @param links Links (null)
     * @param aliases Aliases (null)
     * @param networkId NetworkID
     * @param endpointId EndpointID
     * @param gateway Gateway
     * @param ipAddress IPAddress
     * @param ipPrefixLen IPPrefixLen
     * @param ipv6Gateway IPv6Gateway
     * @param globalIpv6Address GlobalIPv6Address
     * @param globalIpv6PrefixLen GlobalIPv6PrefixLen
     * @param macAddress MacAddress
     * @param driverOpts DriverOpts (null)
     */
    public record EndpointSettings(
            @JsonProperty("IPAMConfig") Object ipamConfig,
            @JsonProperty("Links") List<String> links,
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("NetworkID") String networkId,
            @JsonProperty("EndpointID") String endpointId,
            @JsonProperty("Gateway") String gateway,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("IPPrefixLen") int ipPrefixLen,
            @JsonProperty("IPv6Gateway") String ipv6Gateway,
            @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
            @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("DriverOpts") Map<String, String> driverOpts) {
    }

    /**
     * @param sandboxKey the path of the container's network namespace, or "" when not running
     * @param ports Ports ({@link PortMaps#portMap}): {} unless running with published or exposed ports
     * @return the settings of a loopback-only container: network "none", empty addresses
     */
    public static NetworkSettings loopbackOnly(String sandboxKey, Map<String, Object> ports) {
        EndpointSettings none = new EndpointSettings(null, null, null, "", "", "", "", 0, "", "", 0, "", null);
        return new NetworkSettings("", "", false, "", 0, ports, sandboxKey, null, null, "", "", "", 0, "", 0, "",
                "", Map.of("none", none));
    }
}
