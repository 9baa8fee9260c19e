package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Docker's {@code network.IPAMConfig} (API 1.41 swagger IPAMConfig): every field {@code omitempty}, as moby's
 * struct tags, so a chosen pool shows as {@code {"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}}.
 *
 * @param subnet Subnet, CIDR
 * @param ipRange IPRange, CIDR
 * @param gateway Gateway address
 * @param auxAddresses AuxiliaryAddresses (AuxAddress in Go)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IpamConfig(
        @JsonProperty("Subnet") String subnet,
        @JsonProperty("IPRange") String ipRange,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("AuxiliaryAddresses") Map<String, String> auxAddresses) {
}
