package io.berth.engine.service;

import io.berth.engine.network.EndpointSettings;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.util.Map;

/**
 * A request to create a container (Docker's {@code POST /containers/create}, Engine API 1.41).
 *
 * @param name "web", "/web" or "" to generate one
 * @param config the client's config (not merged yet)
 * @param hostConfig the host config
 * @param endpointsConfig NetworkingConfig.EndpointsConfig: network name or ID → the endpoint settings asked for
 */
public record CreateRequest(String name, ContainerConfig config, HostConfig hostConfig,
                            Map<String, EndpointSettings> endpointsConfig) {

    /** Copies the map; null means none. */
    public CreateRequest {
        endpointsConfig = endpointsConfig == null ? Map.of() : Map.copyOf(endpointsConfig);
    }

    /**
     * A request without NetworkingConfig.
     *
     * @param name the name
     * @param config the config
     * @param hostConfig the host config
     */
    public CreateRequest(String name, ContainerConfig config, HostConfig hostConfig) {
        this(name, config, hostConfig, Map.of());
    }
}
