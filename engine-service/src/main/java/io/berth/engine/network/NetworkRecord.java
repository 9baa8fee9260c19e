package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network as the {@code /networks} API keeps it (Docker Engine API 1.41 {@code Network}; berth's own file
 * {@code <data-root>/network/networks/<id>.json}, dockerd keeps libnetwork's store): what the user asked for plus
 * the subnet chosen for it. The predefined {@code host} and {@code none} networks are records too (driver "host"
 * and "null"), made at the first start so that their IDs stay the same; the default {@code bridge} is not (its
 * ID and subnet are {@link DefaultBridge}'s).
 *
 * @param id 64 hex digits
 * @param name the name (unique unless created without CheckDuplicate, as dockerd allows)
 * @param created when it was created
 * @param driver "bridge", "host" or "null"
 * @param enableIpv6 EnableIPv6
 * @param ipamOptions IPAM.Options as given, null when none were given (Docker shows null)
 * @param ipamConfig IPAM.Config as given (empty: the subnet was chosen by berth)
 * @param subnet the IPv4 subnet in use (given or chosen), CIDR; "" for host/none
 * @param gateway the IPv4 gateway in use (given or the subnet's first address); "" for host/none
 * @param internal Internal
 * @param attachable Attachable
 * @param options the driver options as given ({@code -o k=v}); Docker's Options
 * @param labels Labels
 */
public record NetworkRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Driver") String driver,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAMOptions") Map<String, String> ipamOptions,
        @JsonProperty("IPAMConfig") List<IpamPool> ipamConfig,
        @JsonProperty("Subnet") String subnet,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    /** The names of dockerd's predefined networks (runconfig.IsPreDefinedNetwork; "default" too). */
    public static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "default");

    /** Copies the collections and normalizes nulls. */
    public NetworkRecord {
        ipamOptions = ipamOptions == null ? null : Map.copyOf(ipamOptions);
        ipamConfig = ipamConfig == null ? List.of() : List.copyOf(ipamConfig);
        subnet = subnet == null ? "" : subnet;
        gateway = gateway == null ? "" : gateway;
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** @return true for the predefined host and none networks (never removed or pruned) */
    @JsonIgnore
    public boolean isPredefined() {
        return !"bridge".equals(driver);
    }

    /** @return the Linux bridge: the {@code com.docker.network.bridge.name} option, else "br-" + 12 hex digits */
    @JsonIgnore
    public String bridgeName() {
        String given = options.get(NetworkDefinition.OPTION_BRIDGE_NAME);
        return given != null && !given.isEmpty() ? given : "br-" + id.substring(0, 12);
    }

    /**
     * @return the network as the plumbing takes it (bridge driver only): ICC and masquerade from the options
     *     (default on), MTU from {@code com.docker.network.driver.mtu} (default 0: the kernel's), the first IPv6
     *     pool when EnableIPv6
     */
    public NetworkDefinition definition() {
        IpamPool v4 = ipamConfig.stream().filter(p -> !p.isIpv6()).findFirst().orElse(null);
        IpamPool v6 = enableIpv6 ? ipamConfig.stream().filter(IpamPool::isIpv6).findFirst().orElse(null) : null;
        String range = v4 == null || v4.ipRange().isEmpty() ? null : v4.ipRange();
        return new NetworkDefinition(id, name, driver, bridgeName(), subnet, gateway, range, internal,
                NetworkOptions.bool(options, NetworkDefinition.OPTION_ENABLE_ICC, true),
                NetworkOptions.bool(options, NetworkDefinition.OPTION_ENABLE_IP_MASQUERADE, true),
                NetworkOptions.mtu(options), v6 == null ? null : v6.subnet(),
                v6 == null || v6.gateway().isEmpty() ? null : v6.gateway(), labels, options);
    }
}
