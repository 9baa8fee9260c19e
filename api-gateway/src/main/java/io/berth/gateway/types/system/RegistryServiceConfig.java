package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * SystemInfo.RegistryConfig (Docker Engine API 1.41, swagger RegistryServiceConfig).
 *
 * @param allowNondistributableArtifactsCidrs AllowNondistributableArtifactsCIDRs
 * @param allowNondistributableArtifactsHostnames AllowNondistributableArtifactsHostnames
 * @param insecureRegistryCidrs InsecureRegistryCIDRs
 * @param indexConfigs IndexConfigs, by registry name
 * @param mirrors Mirrors
 */
public record RegistryServiceConfig(
        @JsonProperty("AllowNondistributableArtifactsCIDRs") List<String> allowNondistributableArtifactsCidrs,
        @JsonProperty("AllowNondistributableArtifactsHostnames") List<String> allowNondistributableArtifactsHostnames,
        @JsonProperty("InsecureRegistryCIDRs") List<String> insecureRegistryCidrs,
        @JsonProperty("IndexConfigs") Map<String, IndexInfo> indexConfigs,
        @JsonProperty("Mirrors") List<String> mirrors) {
}
