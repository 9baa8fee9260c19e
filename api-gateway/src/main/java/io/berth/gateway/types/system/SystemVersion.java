package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code GET /version} (swagger SystemVersion), fields in the order
 * dockerd writes them; built by {@link SystemVersionMapper}. Experimental is omitted (false), as dockerd
 * omits it when false.
 *
 * @param platform Platform.Name
 * @param components Components, the Engine first
 * @param version Version
 * @param apiVersion ApiVersion, the highest API version served ("1.41")
 * @param minApiVersion MinAPIVersion ("1.12")
 * @param gitCommit GitCommit
 * @param goVersion GoVersion (the Java runtime here, e.g. "java17.0.15")
 * @param os Os ("linux")
 * @param arch Arch in Go's terms ("amd64")
 * @param kernelVersion KernelVersion ({@code uname -r})
 * @param buildTime BuildTime
 */
public record SystemVersion(@JsonProperty("Platform") Platform platform,
                            @JsonProperty("Components") List<ComponentVersion> components,
                            @JsonProperty("Version") String version,
                            @JsonProperty("ApiVersion") String apiVersion,
                            @JsonProperty("MinAPIVersion") String minApiVersion,
                            @JsonProperty("GitCommit") String gitCommit,
                            @JsonProperty("GoVersion") String goVersion,
                            @JsonProperty("Os") String os,
                            @JsonProperty("Arch") String arch,
                            @JsonProperty("KernelVersion") String kernelVersion,
                            @JsonProperty("BuildTime") String buildTime) {
    /**
     * SystemVersion.Platform.
     *
     * @param name the platform's name ("berth")
     */
    public record Platform(@JsonProperty("Name") String name) {
    }
}
