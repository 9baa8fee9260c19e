package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One IPAM pool of a network as the user gave it (Docker Engine API 1.41 {@code IPAMConfig}: {@code docker network
 * create --subnet/--ip-range/--gateway/--aux-address}). Texts as given; "" (never null) for what was not given.
 *
 * @param subnet CIDR, e.g. "172.30.0.0/16" (IPv4) or "fd00:1::/64" (IPv6)
 * @param ipRange CIDR inside the subnet dynamic addresses come from, or ""
 * @param gateway an address inside the subnet, or ""
 * @param auxAddresses AuxiliaryAddresses: host name → address reserved in the subnet
 */
public record IpamPool(
        @JsonProperty("Subnet") String subnet,
        @JsonProperty("IPRange") String ipRange,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("AuxiliaryAddresses") Map<String, String> auxAddresses) {

    /** Normalizes nulls to "" and copies the map. */
    public IpamPool {
        subnet = subnet == null ? "" : subnet.trim();
        ipRange = ipRange == null ? "" : ipRange.trim();
        gateway = gateway == null ? "" : gateway.trim();
        auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
    }

    /** @return true if the subnet is IPv6 (has a ':') */
    public boolean isIpv6() {
        return subnet.contains(":");
    }
}
