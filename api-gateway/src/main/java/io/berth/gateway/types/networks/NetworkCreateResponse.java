package io.berth.gateway.types.networks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker Engine API 1.41 {@code POST /networks/create} answer (201): {@code {"Id":"...","Warning":""}}.
 *
 * @param id Id
 * @param warning Warning ("" unless a duplicate name was allowed)
 */
public record NetworkCreateResponse(@JsonProperty("Id") String id, @JsonProperty("Warning") String warning) {
}
