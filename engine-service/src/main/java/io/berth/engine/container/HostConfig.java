package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's "HostConfig" (Engine API 1.41), the parts berth implements, with Docker's JSON names.
 *
 * @param autoRemove remove the container when it exits ({@code docker run --rm})
 * @param networkMode "none", "default", "bridge", "host"; only loopback networking exists for now
 * @param restartPolicy "", "no", "always", "unless-stopped", "on-failure" (kept, not acted on yet)
 * @param restartMaxRetries maximum retries for "on-failure"
 * @param logDriver "" or "json-file"
 * @param logOptions options of the log driver
 * @param memory memory limit in bytes (0 = none)
 * @param cpuShares relative CPU weight (0 = default)
 * @param pidsLimit maximum number of processes (0 = none)
 * @param binds "HOST:CONTAINER[:ro]" binds (not implemented yet; kept for inspect)
 * @param privileged privileged mode (kept for inspect; not implemented yet)
 * @param readonlyRootfs mount the root filesystem read-only
 */
public record HostConfig(
        @JsonProperty("AutoRemove") boolean autoRemove,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("RestartPolicy") String restartPolicy,
        @JsonProperty("RestartMaxRetries") int restartMaxRetries,
        @JsonProperty("LogDriver") String logDriver,
        @JsonProperty("LogOptions") Map<String, String> logOptions,
        @JsonProperty("Memory") long memory,
        @JsonProperty("CpuShares") long cpuShares,
        @JsonProperty("PidsLimit") long pidsLimit,
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs) {

    /** Normalizes nulls to empty values. */
    public HostConfig {
        networkMode = networkMode == null ? "" : networkMode;
        restartPolicy = restartPolicy == null ? "" : restartPolicy;
        logDriver = logDriver == null ? "" : logDriver;
        logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
        binds = binds == null ? List.of() : List.copyOf(binds);
    }

    /** @return Docker's defaults: no auto-remove, network "default", no limits */
    public static HostConfig defaults() {
        return new HostConfig(false, "default", "no", 0, "json-file", Map.of(), 0, 0, 0, List.of(), false, false);
    }

    /**
     * @param autoRemove the new value
     * @return a copy with AutoRemove changed
     */
    public HostConfig withAutoRemove(boolean autoRemove) {
        return new HostConfig(autoRemove, networkMode, restartPolicy, restartMaxRetries, logDriver, logOptions,
                memory, cpuShares, pidsLimit, binds, privileged, readonlyRootfs);
    }
}
