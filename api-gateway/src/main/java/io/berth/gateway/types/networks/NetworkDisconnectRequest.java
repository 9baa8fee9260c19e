package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker Engine API 1.41 {@code POST /networks/{id}/disconnect} body (moby api/types NetworkDisconnect).
 *
 * @param container Container: name or ID
 * @param force Force
 */
public record NetworkDisconnectRequest(@JsonProperty("Container") String container,
                                       @JsonProperty("Force") boolean force) {
}
