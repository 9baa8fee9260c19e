package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.engine.v1.WaitContainerResponse;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/{id}/wait} (swagger ContainerWaitResponse):
 * {@code {"Error":null,"StatusCode":N}}, or {@code "Error":{"Message":m}} when the engine reports one.
 */
public final class WaitResponseJson {
    private WaitResponseJson() {
    }

    /**
     * @param r the engine's last wait message
     * @return the JSON object
     */
    public static ObjectNode of(WaitContainerResponse r) {
        ObjectNode o = Json.object();
        if (r.getError().isEmpty()) {
            o.putNull("Error");
        } else {
            o.putObject("Error").put("Message", r.getError());
        }
        o.put("StatusCode", r.getStatusCode());
        return o;
    }
}
