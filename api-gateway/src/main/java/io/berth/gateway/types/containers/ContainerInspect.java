package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.gateway.types.GraphDriverData;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code GET /containers/{id}/json} (swagger
 * ContainerInspectResponse), in dockerd's field order; built by {@link ContainerInspectMapper}.
 *
 * @param id Id (64 hex digits)
 * @param created Created, RFC3339Nano
 * @param path Path of the process
 * @param args Args
 * @param state State
 * @param image Image: the image ID
 * @param resolvConfPath ResolvConfPath
 * @param hostnamePath HostnamePath
 * @param hostsPath HostsPath
 * @param logPath LogPath: the container's log as conmon writes it, {@code <data-root>/containers/<id>/<id>-k8s.log}
 *     (k8s-file lines, not dockerd's {@code -json.log} JSON lines; see the README's Logs section); "" for the
 *     none driver
 * @param name Name, with the leading slash ("/web")
 * @param restartCount RestartCount
 * @param driver Driver: the storage driver
 * @param platform Platform ("linux")
 * @param mountLabel MountLabel
 * @param processLabel ProcessLabel
 * @param appArmorProfile AppArmorProfile
 * @param execIds ExecIDs (null: none)
 * @param hostConfig HostConfig
 * @param graphDriver GraphDriver
 * @param sizeRw SizeRw in bytes, only with {@code ?size=1} (omitted when null)
 * @param sizeRootFs SizeRootFs in bytes (SizeRw plus the image's size), only with {@code ?size=1} (omitted when
 *     null)
 * @param mounts Mounts ([] when none)
 * @param config Config
 * @param networkSettings NetworkSettings
 */
public record ContainerInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") ContainerState state,
        @JsonProperty("Image") String image,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Platform") String platform,
        @JsonProperty("MountLabel") String mountLabel,
        @JsonProperty("ProcessLabel") String processLabel,
        @JsonProperty("AppArmorProfile") String appArmorProfile,
        @JsonProperty("ExecIDs") List<String> execIds,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("GraphDriver") GraphDriverData graphDriver,
        @JsonProperty("SizeRw") @JsonInclude(Include.NON_NULL) Long sizeRw,
        @JsonProperty("SizeRootFs") @JsonInclude(Include.NON_NULL) Long sizeRootFs,
        @JsonProperty("Mounts") List<MountPoint> mounts,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("NetworkSettings") NetworkSettings networkSettings) {
}
