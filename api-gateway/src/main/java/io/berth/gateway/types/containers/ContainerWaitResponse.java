package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.engine.v1.WaitContainerResponse;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/{id}/wait} (swagger ContainerWaitResponse):
 * {@code {"Error":null,"StatusCode":N}}, or {@code "Error":{"Message":m}} when the wait failed.
 *
 * @param error Error, null when there is none
 * @param statusCode StatusCode: the exit code, -1 when the wait failed
 */
public record ContainerWaitResponse(@JsonProperty("Error") WaitExitError error,
                                    @JsonProperty("StatusCode") long statusCode) {
    /**
     * Swagger {@code ContainerWaitExitError}.
     *
     * @param message Message
     */
    public record WaitExitError(@JsonProperty("Message") String message) {
    }

    /**
     * @param r the engine's last wait message
     * @return the response: its exit code, and its error when it has one
     */
    public static ContainerWaitResponse of(WaitContainerResponse r) {
        return new ContainerWaitResponse(r.getError().isEmpty() ? null : new WaitExitError(r.getError()),
                r.getStatusCode());
    }

    /**
     * @param message why the wait failed after the 200 was sent
     * @return {@code {"Error":{"Message":m},"StatusCode":-1}}
     */
    public static ContainerWaitResponse failed(String message) {
        return new ContainerWaitResponse(new WaitExitError(message), -1);
    }
}
