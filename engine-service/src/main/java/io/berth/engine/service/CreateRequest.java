package io.berth.engine.service;

import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;

/**
 * A request to create a container (Docker's {@code POST /containers/create}, Engine API 1.41).
 *
 * @param name "web", "/web" or "" to generate one
 * @param config the client's config (not merged yet)
 * @param hostConfig the host config
 */
public record CreateRequest(String name, ContainerConfig config, HostConfig hostConfig) {
}
