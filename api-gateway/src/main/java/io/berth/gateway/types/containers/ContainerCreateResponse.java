package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.engine.v1.CreateContainerResponse;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/create} (swagger ContainerCreateResponse):
 * {@code {"Id":"<64 hex>","Warnings":[]}}.
 *
 * @param id Id of the new container
 * @param warnings Warnings (an empty array when there are none)
 */
public record ContainerCreateResponse(@JsonProperty("Id") String id,
                                      @JsonProperty("Warnings") List<String> warnings) {
    /**
     * @param r the engine's answer
     * @return the response
     */
    public static ContainerCreateResponse of(CreateContainerResponse r) {
        return new ContainerCreateResponse(r.getId(), List.copyOf(r.getWarningsList()));
    }
}
