package io.berth.gateway.types.system;

import io.berth.gateway.BuildInfo;
import io.berth.gateway.host.SystemFacts;
import io.berth.gateway.http.ResponseHeaders;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link SystemVersion} (Docker Engine API 1.41 {@code GET /version}): Platform.Name "berth",
 * Components[Engine] with Details, then the top-level Version, ApiVersion "1.41", MinAPIVersion "1.12",
 * GitCommit, GoVersion (the Java version here), Os, Arch, KernelVersion, BuildTime.
 */
public final class SystemVersionMapper {
    private SystemVersionMapper() {
    }

    /**
     * @param facts the host's facts (kernel release, architecture)
     * @return the body
     */
    public static SystemVersion toSystemVersion(SystemFacts facts) {
        Map<String, String> details = new TreeMap<>();
        details.put("ApiVersion", ResponseHeaders.API_VERSION);
        details.put("Arch", facts.goArch());
        details.put("BuildTime", BuildInfo.BUILD_TIME);
        details.put("Experimental", "false");
        details.put("GitCommit", BuildInfo.GIT_COMMIT);
        details.put("GoVersion", BuildInfo.runtimeVersion());
        details.put("KernelVersion", facts.kernelVersion());
        details.put("MinAPIVersion", ResponseHeaders.MIN_API_VERSION);
        details.put("Os", "linux");
        return new SystemVersion(new SystemVersion.Platform("berth"),
                List.of(new ComponentVersion("Engine", BuildInfo.VERSION, details)),
                BuildInfo.VERSION, ResponseHeaders.API_VERSION, ResponseHeaders.MIN_API_VERSION,
                BuildInfo.GIT_COMMIT, BuildInfo.runtimeVersion(), "linux", facts.goArch(), facts.kernelVersion(),
                BuildInfo.BUILD_TIME);
    }
}
