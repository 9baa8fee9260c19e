package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One registry of RegistryServiceConfig.IndexConfigs (Docker Engine API 1.41, swagger IndexInfo).
 *
 * @param name the registry's name, e.g. "docker.io"
 * @param mirrors its mirrors
 * @param secure TLS verification is on
 * @param official it is the official Docker Hub index
 */
public record IndexInfo(@JsonProperty("Name") String name, @JsonProperty("Mirrors") List<String> mirrors,
                        @JsonProperty("Secure") boolean secure, @JsonProperty("Official") boolean official) {
}
