package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.engine.v1.Network;
import io.berth.proto.engine.v1.NetworkContainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker Engine API 1.41 {@code Network} (moby api/types NetworkResource: {@code GET /networks/{id}}, an entry of
 * {@code GET /networks}), fields in moby's order. {@code Containers}, {@code Options} and {@code Labels} are
 * always objects ({} when empty), as dockerd's; {@code IPAM.Options} is null unless options were given.
 *
 * @param name Name
 * @param id Id
 * @param created Created, RFC 3339 with nanoseconds
 * @param scope Scope ("local")
 * @param driver Driver ("bridge", "host", "null")
 * @param enableIpv6 EnableIPv6
 * @param ipam IPAM
 * @param internal Internal
 * @param attachable Attachable
 * @param ingress Ingress
 * @param configFrom ConfigFrom ({"Network":""})
 * @param configOnly ConfigOnly
 * @param containers Containers: container ID → its endpoint
 * @param options Options
 * @param labels Labels
 */
public record NetworkResource(
        @JsonProperty("Name") String name,
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Driver") String driver,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("ConfigFrom") NetworkCreateRequest.ConfigReference configFrom,
        @JsonProperty("ConfigOnly") boolean configOnly,
        @JsonProperty("Containers") Map<String, EndpointResource> containers,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    /**
     * Docker's {@code network.IPAM} as shown.
     *
     * @param driver Driver ("default")
     * @param options Options (null when none were given)
     * @param config Config
     */
    public record Ipam(@JsonProperty("Driver") String driver,
                       @JsonProperty("Options") Map<String, String> options,
                       @JsonProperty("Config") List<IpamConfig> config) {
    }

    /**
     * Docker's EndpointResource.
     *
     * @param name Name (the container's, without '/')
     * @param endpointId EndpointID
     * @param macAddress MacAddress
     * @param ipv4Address IPv4Address ("172.18.0.2/16")
     * @param ipv6Address IPv6Address ("" without IPv6)
     */
    public record EndpointResource(@JsonProperty("Name") String name,
                                   @JsonProperty("EndpointID") String endpointId,
                                   @JsonProperty("MacAddress") String macAddress,
                                   @JsonProperty("IPv4Address") String ipv4Address,
                                   @JsonProperty("IPv6Address") String ipv6Address) {
    }

    /**
     * @param n the engine's network
     * @return it in Docker's shape
     */
    public static NetworkResource of(Network n) {
        List<IpamConfig> pools = n.getIpamConfigList().stream().map(p -> new IpamConfig(p.getSubnet(),
                p.getIpRange(), p.getGateway(), p.getAuxAddressesMap().isEmpty() ? null
                        : new TreeMap<>(p.getAuxAddressesMap()))).toList();
        Map<String, EndpointResource> containers = new LinkedHashMap<>();
        for (NetworkContainer c : n.getContainersList()) {
            containers.put(c.getContainerId(), new EndpointResource(c.getName(), c.getEndpointId(),
                    c.getMacAddress(), c.getIpv4Address(), c.getIpv6Address()));
        }
        return new NetworkResource(n.getName(), n.getId(), n.getCreated(), n.getScope(), n.getDriver(),
                n.getEnableIpv6(), new Ipam(n.getIpamDriver(), n.getIpamOptionsSet()
                        ? new TreeMap<>(n.getIpamOptionsMap()) : null, pools),
                n.getInternal(), n.getAttachable(), n.getIngress(),
                new NetworkCreateRequest.ConfigReference(n.getConfigFrom()), n.getConfigOnly(), containers,
                new TreeMap<>(n.getOptionsMap()), new TreeMap<>(n.getLabelsMap()));
    }
}
