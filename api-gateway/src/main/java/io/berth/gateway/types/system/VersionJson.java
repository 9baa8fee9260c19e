package io.berth.gateway.types.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.gateway.BuildInfo;
import io.berth.gateway.http.ResponseHeaders;
import io.berth.gateway.router.system.HostFacts;

/**
 * The body of Docker Engine API 1.41 {@code GET /version} (swagger SystemVersion): Platform.Name "berth",
 * Components[Engine] with Details, then the top-level Version, ApiVersion "1.41", MinAPIVersion "1.12",
 * GitCommit, GoVersion (the Java version here), Os, Arch, KernelVersion, BuildTime.
 */
public final class VersionJson {
    private VersionJson() {
    }

    /**
     * @param host host facts (kernel, architecture)
     * @return the JSON object
     */
    public static ObjectNode build(HostFacts host) {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.putObject("Platform").put("Name", "berth");
        ObjectNode engine = v.putArray("Components").addObject();
        engine.put("Name", "Engine").put("Version", BuildInfo.VERSION);
        ObjectNode d = engine.putObject("Details");
        d.put("ApiVersion", ResponseHeaders.API_VERSION)
                .put("Arch", host.goArch())
                .put("BuildTime", BuildInfo.BUILD_TIME)
                .put("Experimental", "false")
                .put("GitCommit", BuildInfo.GIT_COMMIT)
                .put("GoVersion", BuildInfo.runtimeVersion())
                .put("KernelVersion", host.kernelVersion())
                .put("MinAPIVersion", ResponseHeaders.MIN_API_VERSION)
                .put("Os", "linux");
        v.put("Version", BuildInfo.VERSION)
                .put("ApiVersion", ResponseHeaders.API_VERSION)
                .put("MinAPIVersion", ResponseHeaders.MIN_API_VERSION)
                .put("GitCommit", BuildInfo.GIT_COMMIT)
                .put("GoVersion", BuildInfo.runtimeVersion())
                .put("Os", "linux")
                .put("Arch", host.goArch())
                .put("KernelVersion", host.kernelVersion())
                .put("BuildTime", BuildInfo.BUILD_TIME);
        return v;
    }
}
