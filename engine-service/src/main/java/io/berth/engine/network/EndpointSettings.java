package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a container asks of one network (Docker Engine API 1.41 {@code EndpointSettings} as a create's
 * {@code NetworkingConfig.EndpointsConfig.<network>} or a connect's {@code EndpointConfig} gives it: the
 * {@code IPAMConfig}, {@code Aliases}, {@code Links}); the addresses the plumbing gave are in {@link Endpoint}.
 *
 * @param networkId the network's ID ("" for a create's NetworkMode naming a network that did not exist then: looked
 *     up by name at the start, as dockerd does)
 * @param networkName its name when connected (Docker's key of {@code NetworkSettings.Networks})
 * @param ipv4Address IPAMConfig.IPv4Address ({@code --ip}), "" for the next free address
 * @param ipv6Address IPAMConfig.IPv6Address ({@code --ip6}), ""
 * @param aliases network-scoped aliases ({@code --network-alias}), as given
 * @param links "container:alias" links on this network
 */
public record EndpointSettings(
        @JsonProperty("NetworkID") String networkId,
        @JsonProperty("NetworkName") String networkName,
        @JsonProperty("IPv4Address") String ipv4Address,
        @JsonProperty("IPv6Address") String ipv6Address,
        @JsonProperty("Aliases") List<String> aliases,
        @JsonProperty("Links") List<String> links) {

    /** Normalizes nulls and copies the lists. */
    public EndpointSettings {
        networkId = networkId == null ? "" : networkId;
        networkName = networkName == null ? "" : networkName;
        ipv4Address = ipv4Address == null ? "" : ipv4Address.trim();
        ipv6Address = ipv6Address == null ? "" : ipv6Address.trim();
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
