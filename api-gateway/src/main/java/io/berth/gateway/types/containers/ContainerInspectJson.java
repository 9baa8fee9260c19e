package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.gateway.types.DockerTime;
import io.berth.gateway.types.images.ImageInspectJson;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;

/**
 * The body of Docker Engine API 1.41 {@code GET /containers/{id}/json} (swagger ContainerInspectResponse):
 * Id, Created (RFC3339Nano), Path, Args, State, Image (the image ID), ResolvConfPath, HostnamePath, HostsPath,
 * LogPath, Name ("/web"), RestartCount, Driver, Platform, MountLabel, ProcessLabel, AppArmorProfile, ExecIDs,
 * HostConfig, GraphDriver, SizeRw/SizeRootFs (only when asked), Mounts, Config, NetworkSettings.
 */
public final class ContainerInspectJson {
    private ContainerInspectJson() {
    }

    /**
     * @param c the container
     * @param sizeRw size of the writable layer in bytes, or a negative number to leave SizeRw out
     * @return the JSON object
     */
    public static ObjectNode of(Container c, long sizeRw) {
        ObjectNode o = Json.object();
        o.put("Id", c.getId());
        o.put("Created", DockerTime.rfc3339Nano(c.getCreated()));
        o.put("Path", c.getPath());
        o.set("Args", ContainerSummaryJson.strings(c.getArgsList()));
        o.set("State", state(c.getState()));
        o.put("Image", c.getImageId());
        o.put("ResolvConfPath", c.getResolvConfPath());
        o.put("HostnamePath", c.getHostnamePath());
        o.put("HostsPath", c.getHostsPath());
        o.put("LogPath", c.getLogPath());
        o.put("Name", c.getName().startsWith("/") ? c.getName() : "/" + c.getName());
        o.put("RestartCount", c.getRestartCount());
        o.put("Driver", c.getDriver());
        o.put("Platform", c.getPlatform().isEmpty() ? "linux" : c.getPlatform());
        o.put("MountLabel", "");
        o.put("ProcessLabel", "");
        o.put("AppArmorProfile", "");
        o.putNull("ExecIDs");
        o.set("HostConfig", HostConfigJson.of(c.getHostConfig()));
        o.set("GraphDriver", ImageInspectJson.graphDriver(c.getDriver(), c.getDriverDataMap()));
        if (sizeRw >= 0) {
            o.put("SizeRw", sizeRw);
        }
        o.set("Mounts", MountPointsJson.of(c.getHostConfig()));
        o.set("Config", ConfigJson.fromContainer(c.getConfig()));
        int pid = c.getState().getPid();
        o.set("NetworkSettings", NetworkSettingsJson.of(pid > 0 ? "/proc/" + pid + "/ns/net" : ""));
        return o;
    }

    /**
     * @param s the engine's state
     * @return Docker's ContainerState object; unset times are Go's zero time
     */
    public static ObjectNode state(ContainerState s) {
        ObjectNode o = Json.object();
        o.put("Status", s.getStatus());
        o.put("Running", s.getRunning());
        o.put("Paused", s.getPaused());
        o.put("Restarting", s.getRestarting());
        o.put("OOMKilled", s.getOomKilled());
        o.put("Dead", s.getDead());
        o.put("Pid", s.getPid());
        o.put("ExitCode", s.getExitCode());
        o.put("Error", s.getError());
        o.put("StartedAt", s.hasStartedAt() ? DockerTime.rfc3339Nano(s.getStartedAt()) : DockerTime.ZERO);
        o.put("FinishedAt", s.hasFinishedAt() ? DockerTime.rfc3339Nano(s.getFinishedAt()) : DockerTime.ZERO);
        return o;
    }
}
