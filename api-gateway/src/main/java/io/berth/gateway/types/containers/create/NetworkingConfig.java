package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.gateway.types.networks.NetworkConnectRequest;
import io.berth.proto.engine.v1.EndpointConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code NetworkingConfig} of a Docker Engine API 1.41 {@code POST /containers/create} body (swagger
 * NetworkingConfig): {@code EndpointsConfig}, network name → EndpointSettings. The docker CLI puts the
 * {@code --network} network there with {@code --ip}, {@code --ip6} and {@code --network-alias}; docker-py's
 * {@code networking_config}. Bound from the same body as {@link ContainerCreateRequest}, with the same tolerance.
 *
 * @param endpointsConfig EndpointsConfig (null: none)
 */
public record NetworkingConfig(
        @JsonProperty("EndpointsConfig") Map<String, NetworkConnectRequest.EndpointSettings> endpointsConfig) {

    /** The part of the create body this reads. */
    record Wrapper(@JsonProperty("NetworkingConfig") NetworkingConfig networkingConfig) {
    }

    /**
     * @param body the create body (a JSON object)
     * @return EndpointsConfig as the engine takes it, empty when there is none
     * @throws io.berth.common.errors.InvalidArgumentException for a field of the wrong JSON type
     */
    public static Map<String, EndpointConfig> endpoints(JsonNode body) {
        NetworkingConfig n = DockerJsonBinder.bind(body, Wrapper.class).networkingConfig();
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        if (n != null && n.endpointsConfig() != null) {
            n.endpointsConfig().forEach((k, v) -> out.put(k, NetworkConnectRequest.toProto(v)));
        }
        return out;
    }
}
