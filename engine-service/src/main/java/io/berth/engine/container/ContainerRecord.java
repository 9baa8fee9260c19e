package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one container, persisted as
 * {@code <data-root>/containers/<id>/config.v2.json} (Docker's file name and field names). Immutable:
 * changes make a copy ({@link #withState}). Config and HostConfig are the berth.engine.v1 messages, written
 * with Docker's names by {@link ProtoJson}.
 *
 * @param id 64 hex digits
 * @param name with the leading slash ("/web")
 * @param created creation time
 * @param path the process's executable (entrypoint and cmd resolved)
 * @param args its arguments
 * @param config the merged configuration
 * @param hostConfig the host configuration (null: {@link #DEFAULT_HOST_CONFIG})
 * @param state the current state
 * @param image the image ID "sha256:<hex>"
 * @param driver storage driver name ("overlay2", "vfs")
 * @param driverData the driver's data for inspect's GraphDriver.Data
 * @param rootfsMounts the mounts of the container's snapshot, performed at each start
 * @param logPath absolute path of the json-file log
 * @param hostnamePath absolute path of the container's /etc/hostname source
 * @param hostsPath absolute path of the container's /etc/hosts source
 * @param resolvConfPath absolute path of the container's /etc/resolv.conf source
 * @param restartCount number of restarts by the restart policy
 * @param platform "linux"
 */
public record ContainerRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("State") ContainerState state,
        @JsonProperty("Image") String image,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DriverData") Map<String, String> driverData,
        @JsonProperty("RootfsMounts") List<SnapshotMount> rootfsMounts,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Platform") String platform) {

    /**
     * Docker's HostConfig defaults, for a create request without one: network "default", restart policy
     * "no", log driver "json-file", nothing else set.
     */
    public static final HostConfig DEFAULT_HOST_CONFIG = HostConfig.newBuilder().setNetworkMode("default")
            .setRestartPolicy("no").setLogDriver("json-file").build();

    /** Copies the collections and normalizes nulls. */
    public ContainerRecord {
        args = args == null ? List.of() : List.copyOf(args);
        driverData = driverData == null ? Map.of() : Map.copyOf(driverData);
        rootfsMounts = rootfsMounts == null ? List.of() : List.copyOf(rootfsMounts);
        state = state == null ? ContainerState.created() : state;
        config = config == null ? ContainerConfig.getDefaultInstance() : config;
        hostConfig = hostConfig == null ? DEFAULT_HOST_CONFIG : hostConfig;
        platform = platform == null ? "linux" : platform;
    }

    /**
     * @param newState the new state
     * @return a copy with the state replaced
     */
    public ContainerRecord withState(ContainerState newState) {
        return new ContainerRecord(id, name, created, path, args, config, hostConfig, newState, image, driver,
                driverData, rootfsMounts, logPath, hostnamePath, hostsPath, resolvConfPath, restartCount, platform);
    }

    /**
     * @param count the new RestartCount
     * @return a copy with it
     */
    public ContainerRecord withRestartCount(int count) {
        return new ContainerRecord(id, name, created, path, args, config, hostConfig, state, image, driver,
                driverData, rootfsMounts, logPath, hostnamePath, hostsPath, resolvConfPath, count, platform);
    }

    /** @return the seconds between the stop signal and SIGKILL: Config.StopTimeout, else 10 */
    public int stopTimeoutSeconds() {
        return config.hasStopTimeout() && config.getStopTimeout() >= 0 ? config.getStopTimeout() : 10;
    }

    /** @return the name without the leading slash ("web"), as events and errors show it */
    public String shortName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
