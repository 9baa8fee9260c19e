package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of SystemVersion.Components (Docker Engine API 1.41 {@code GET /version}, swagger
 * x-go-name ComponentVersion).
 *
 * @param name the component, e.g. "Engine"
 * @param version its version
 * @param details free-form key/value strings; written in key order, as Go writes a map
 */
public record ComponentVersion(@JsonProperty("Name") String name, @JsonProperty("Version") String version,
                               @JsonProperty("Details") Map<String, String> details) {
}
