package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One published port as it is programmed: host address and port to container port (Docker's PortBinding
 * once the host port is known; the CNI {@code portmap} plugin's {@code portMappings} entry).
 *
 * @param protocol "tcp" or "udp" (Docker's "sctp" is refused before this)
 * @param containerPort 1..65535
 * @param hostIp the host address it listens on: "" or "0.0.0.0" for every IPv4 address, else one address
 * @param hostPort 1..65535, never 0 (an ephemeral port is chosen before this exists)
 */
public record PortMapping(
        @JsonProperty("Protocol") String protocol,
        @JsonProperty("ContainerPort") int containerPort,
        @JsonProperty("HostIp") String hostIp,
        @JsonProperty("HostPort") int hostPort) {

    /** Normalizes a null host IP to "". */
    public PortMapping {
        hostIp = hostIp == null ? "" : hostIp;
    }

    /** @return Docker's key of the port, {@code "80/tcp"} */
    public String key() {
        return containerPort + "/" + protocol;
    }

    /** @return the host address as Docker shows it ({@code 0.0.0.0} for every address) */
    public String shownHostIp() {
        return hostIp.isEmpty() ? "0.0.0.0" : hostIp;
    }
}
