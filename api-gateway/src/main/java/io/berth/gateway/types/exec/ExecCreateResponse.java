package io.berth.gateway.types.exec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/{id}/exec} (swagger IdResponse):
 * {@code {"Id":"<64 hex>"}}.
 *
 * @param id Id of the new exec instance
 */
public record ExecCreateResponse(@JsonProperty("Id") String id) {
}
