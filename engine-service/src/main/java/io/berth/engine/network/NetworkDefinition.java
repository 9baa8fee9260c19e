package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One network as the plumbing needs it: what {@link NetworkPlumbing} turns into a CNI configuration list
 * (CNI spec 1.0.0, the {@code bridge} plugin with {@code host-local} IPAM). A value; the network records of
 * the {@code /networks} API (names, creation time, Containers, ...) are kept elsewhere and make one of these.
 *
 * <p>Addresses are strings in their usual text form: a subnet or range is CIDR {@code "172.18.0.0/16"}, an
 * address is bare {@code "172.18.0.1"}. Docker's names for the options (moby libnetwork/drivers/bridge):
 * {@code com.docker.network.bridge.name} is {@link #bridgeName}, {@code ...enable_icc} is {@link #enableIcc},
 * {@code ...enable_ip_masquerade} is {@link #enableIpMasquerade}, {@code com.docker.network.driver.mtu} is
 * {@link #mtu}.
 *
 * @param id the network ID, 64 hex digits (Docker's NetworkID); also names the host-local IPAM directory
 * @param name the network's name ("bridge" for the default network); the CNI network name
 * @param driver "bridge" (the only driver the plumbing knows)
 * @param bridgeName the Linux bridge interface, at most 15 bytes ("berth0", "br-" + 12 hex digits)
 * @param subnet IPv4 subnet in CIDR form, e.g. "172.18.0.0/16"; never null
 * @param gateway the bridge's own IPv4 address inside {@code subnet} (the containers' default gateway), e.g.
 *     "172.18.0.1"; never null
 * @param ipRange CIDR inside {@code subnet} that dynamic addresses are taken from ({@code --ip-range}); null: the
 *     whole subnet
 * @param internal no way out: no default route in the containers, no masquerade ({@code --internal})
 * @param enableIcc containers of this network may talk to each other (Docker's default true)
 * @param enableIpMasquerade outbound traffic is masqueraded to the host's address (Docker's default true)
 * @param mtu the interfaces' MTU; 0: the kernel's default (1500)
 * @param ipv6Subnet IPv6 subnet in CIDR form ({@code --ipv6 --subnet}), or null for IPv4 only
 * @param ipv6Gateway the bridge's IPv6 address, or null (then the subnet's first address)
 * @param labels the network's labels (not used by the plumbing; carried for the records)
 * @param options the driver options as given ({@code -o k=v}; not used beyond the fields above)
 */
public record NetworkDefinition(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("BridgeName") String bridgeName,
        @JsonProperty("Subnet") String subnet,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("IPRange") String ipRange,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("EnableICC") boolean enableIcc,
        @JsonProperty("EnableIPMasquerade") boolean enableIpMasquerade,
        @JsonProperty("MTU") int mtu,
        @JsonProperty("IPv6Subnet") String ipv6Subnet,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Options") Map<String, String> options) {

    /** Docker's bridge option naming the Linux bridge. */
    public static final String OPTION_BRIDGE_NAME = "com.docker.network.bridge.name";
    /** Docker's bridge option for inter-container communication. */
    public static final String OPTION_ENABLE_ICC = "com.docker.network.bridge.enable_icc";
    /** Docker's bridge option for masquerading outbound traffic. */
    public static final String OPTION_ENABLE_IP_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    /** Docker's option for the MTU. */
    public static final String OPTION_MTU = "com.docker.network.driver.mtu";

    /** Copies the maps and normalizes nulls. */
    public NetworkDefinition {
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** @return the prefix length of {@link #subnet}, e.g. 16 */
    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }
}
