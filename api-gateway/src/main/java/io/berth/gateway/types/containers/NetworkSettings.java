package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker Engine API 1.41 swagger {@code NetworkSettings} of container inspect, in dockerd's field order, made from
 * the engine's ({@link #of}).
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
     * dockerd 20.10's NetworkSettings of a container from the engine's: Networks by name (a LinkedHashMap in the
     * engine's order), and the top-level EndpointID/Gateway/IPAddress/... copied from the default {@code bridge}
     * network's entry (empty when the container is not on it, as dockerd); Bridge "", HairpinMode false,
     * LinkLocalIPv6* empty, SecondaryIP* null, Ports as given.
     *
     * @param engine the engine's NetworkSettings
     * @param ports Ports: "80/tcp" → bindings (null-valued keys for exposed ports without one); empty for none
     * @return the settings
     */
    public static NetworkSettings of(io.berth.proto.engine.v1.NetworkSettings engine, Map<String, Object> ports) {
        Map<String, EndpointSettings> networks = endpoints(engine);
        EndpointSettings b = networks.get("bridge");
        EndpointSettings top = b != null ? b
                : new EndpointSettings(null, null, null, "", "", "", "", 0, "", "", 0, "", null);
        return new NetworkSettings("", engine.getSandboxId(), false, "", 0, ports, engine.getSandboxKey(), null,
                null, top.endpointId(), top.gateway(), top.globalIpv6Address(), top.globalIpv6PrefixLen(),
                top.ipAddress(), top.ipPrefixLen(), top.ipv6Gateway(), top.macAddress(), networks);
    }

    /**
     * @param engine the engine's NetworkSettings
     * @return Networks: name → EndpointSettings (Aliases null when empty; IPAMConfig null unless --ip/--ip6 was
     *     given; Links, DriverOpts null)
     */
    public static Map<String, EndpointSettings> endpoints(io.berth.proto.engine.v1.NetworkSettings engine) {
        Map<String, EndpointSettings> networks = new java.util.LinkedHashMap<>();
        for (io.berth.proto.engine.v1.EndpointSettings e : engine.getNetworksList()) {
            networks.put(e.getNetworkName(), new EndpointSettings(ipamConfig(e), null,
                    e.getAliasesCount() == 0 ? null : List.copyOf(e.getAliasesList()), e.getNetworkId(),
                    e.getEndpointId(), e.getGateway(), e.getIpAddress(), e.getIpPrefixLen(), e.getIpv6Gateway(),
                    e.getGlobalIpv6Address(), e.getGlobalIpv6PrefixLen(), e.getMacAddress(), null));
        }
        return networks;
    }

    /**
     * @param e an engine endpoint
     * @return Docker's EndpointIPAMConfig ({@code {"IPv4Address":"10.0.0.9"}}, omitempty fields as moby's), or null
     *     when no address was asked for
     */
    static Map<String, String> ipamConfig(io.berth.proto.engine.v1.EndpointSettings e) {
        if (e.getIpamIpv4Address().isEmpty() && e.getIpamIpv6Address().isEmpty()) {
            return null;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (!e.getIpamIpv4Address().isEmpty()) {
            m.put("IPv4Address", e.getIpamIpv4Address());
        }
        if (!e.getIpamIpv6Address().isEmpty()) {
            m.put("IPv6Address", e.getIpamIpv6Address());
        }
        return m;
    }
}
