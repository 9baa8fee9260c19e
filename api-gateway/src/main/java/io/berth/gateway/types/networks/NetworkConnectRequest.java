package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker Engine API 1.41 {@code POST /networks/{id}/connect} body (moby api/types NetworkConnect); also the
 * shape of one {@code NetworkingConfig.EndpointsConfig} entry of a container create ({@link EndpointSettings}).
 *
 * @param container Container: name or ID
 * @param endpointConfig EndpointConfig (null: none)
 */
public record NetworkConnectRequest(
        @JsonProperty("Container") String container,
        @JsonProperty("EndpointConfig") EndpointSettings endpointConfig) {

    /**
     * The fields of Docker's {@code network.EndpointSettings} a client sets (the others are read-only ones
     * dockerd fills in and ignores in a request).
     *
     * @param ipamConfig IPAMConfig
     * @param links Links ("container:alias")
     * @param aliases Aliases
     */
    public record EndpointSettings(@JsonProperty("IPAMConfig") EndpointIpamConfig ipamConfig,
                                   @JsonProperty("Links") List<String> links,
                                   @JsonProperty("Aliases") List<String> aliases) {
    }

    /**
     * Docker's {@code network.EndpointIPAMConfig}.
     *
     * @param ipv4Address IPv4Address ({@code --ip})
     * @param ipv6Address IPv6Address ({@code --ip6})
     * @param linkLocalIps LinkLocalIPs
     */
    public record EndpointIpamConfig(@JsonProperty("IPv4Address") String ipv4Address,
                                     @JsonProperty("IPv6Address") String ipv6Address,
                                     @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {
    }

    /**
     * @param e a client's endpoint settings (null: none)
     * @return the engine's EndpointConfig
     */
    public static io.berth.proto.engine.v1.EndpointConfig toProto(EndpointSettings e) {
        io.berth.proto.engine.v1.EndpointConfig.Builder b = io.berth.proto.engine.v1.EndpointConfig.newBuilder();
        if (e == null) {
            return b.build();
        }
        if (e.ipamConfig() != null) {
            EndpointIpamConfig i = e.ipamConfig();
            b.setIpv4Address(i.ipv4Address() == null ? "" : i.ipv4Address())
                    .setIpv6Address(i.ipv6Address() == null ? "" : i.ipv6Address());
            if (i.linkLocalIps() != null) {
                b.addAllLinkLocalIps(i.linkLocalIps());
            }
        }
        if (e.links() != null) {
            b.addAllLinks(e.links());
        }
        if (e.aliases() != null) {
            b.addAllAliases(e.aliases());
        }
        return b.build();
    }
}
