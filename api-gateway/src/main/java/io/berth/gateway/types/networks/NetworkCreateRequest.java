package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker Engine API 1.41 {@code POST /networks/create} body (moby api/types NetworkCreateRequest). The docker
 * CLI 28 sends {@code CheckDuplicate} only below API 1.44; at 1.41 it sends it true.
 *
 * @param name Name
 * @param checkDuplicate CheckDuplicate
 * @param driver Driver ("" means bridge)
 * @param scope Scope (ignored: every berth network is "local")
 * @param enableIpv6 EnableIPv6
 * @param ipam IPAM
 * @param internal Internal
 * @param attachable Attachable
 * @param ingress Ingress
 * @param configOnly ConfigOnly
 * @param configFrom ConfigFrom
 * @param options Options (the driver's)
 * @param labels Labels
 */
public record NetworkCreateRequest(
        @JsonProperty("Name") String name,
        @JsonProperty("CheckDuplicate") boolean checkDuplicate,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Scope") String scope,
        @JsonProperty("EnableIPv6") boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        @JsonProperty("Internal") boolean internal,
        @JsonProperty("Attachable") boolean attachable,
        @JsonProperty("Ingress") boolean ingress,
        @JsonProperty("ConfigOnly") boolean configOnly,
        @JsonProperty("ConfigFrom") ConfigReference configFrom,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    /**
     * Docker's {@code network.IPAM}.
     *
     * @param driver Driver ("default")
     * @param options Options
     * @param config Config
     */
    public record Ipam(@JsonProperty("Driver") String driver,
                       @JsonProperty("Options") Map<String, String> options,
                       @JsonProperty("Config") List<IpamConfig> config) {
    }

    /**
     * Docker's {@code network.ConfigReference}.
     *
     * @param network Network
     */
    public record ConfigReference(@JsonProperty("Network") String network) {
    }
}
