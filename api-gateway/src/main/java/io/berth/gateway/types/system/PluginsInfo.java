package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * SystemInfo.Plugins (Docker Engine API 1.41, swagger PluginsInfo): the plugin names per kind.
 *
 * @param volume volume drivers
 * @param network network drivers
 * @param authorization authorization plugins (null: none configured, as dockerd writes it)
 * @param log log drivers
 */
public record PluginsInfo(@JsonProperty("Volume") List<String> volume, @JsonProperty("Network") List<String> network,
                          @JsonProperty("Authorization") List<String> authorization,
                          @JsonProperty("Log") List<String> log) {
}
