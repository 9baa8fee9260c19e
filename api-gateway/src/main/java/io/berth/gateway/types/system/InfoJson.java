package io.berth.gateway.types.system;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.gateway.BuildInfo;
import io.berth.gateway.router.system.HostFacts;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The body of Docker Engine API 1.41 {@code GET /info} (swagger SystemInfo), with real values: container
 * counts by state from the engine, images, driver, driver status and root dir from storage, CPUs, memory,
 * OS and kernel from the host. Fields berth has no notion of yet (swarm, plugins beyond json-file logs,
 * registry mirrors) carry dockerd's "nothing configured" values so {@code docker info} prints cleanly.
 */
public final class InfoJson {
    private InfoJson() {
    }

    /**
     * @param host host facts
     * @param containers all containers (engine ListContainers all=true)
     * @param storage storage info
     * @param now the current time (SystemTime)
     * @return the JSON object
     */
    public static ObjectNode build(HostFacts host, List<Container> containers, GetStorageInfoResponse storage,
                                   Instant now) {
        ObjectNode i = Json.MAPPER.createObjectNode();
        String name = host.hostname();
        i.put("ID", UUID.nameUUIDFromBytes((name + ":" + storage.getDataRoot())
                .getBytes(StandardCharsets.UTF_8)).toString());
        counts(i, containers);
        i.put("Images", storage.getImages());
        i.put("Driver", storage.getDriver());
        ArrayNode ds = i.putArray("DriverStatus");
        for (DriverStatus s : storage.getDriverStatusList()) {
            ds.addArray().add(s.getKey()).add(s.getValue());
        }
        ObjectNode plugins = i.putObject("Plugins");
        plugins.putArray("Volume");
        plugins.putArray("Network").add("null");
        plugins.putNull("Authorization");
        plugins.putArray("Log").add("json-file");
        for (String flag : new String[] {"MemoryLimit", "SwapLimit", "KernelMemory", "KernelMemoryTCP", "CpuCfsPeriod",
            "CpuCfsQuota", "CPUShares", "CPUSet", "PidsLimit", "IPv4Forwarding", "BridgeNfIptables",
            "BridgeNfIp6tables"}) {
            i.put(flag, true);
        }
        i.put("OomKillDisable", true);
        i.put("Debug", false);
        i.put("NFd", 0);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", DockerTime.rfc3339Nano(now));
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", host.cgroupVersion());
        i.put("NEventsListener", 0);
        i.put("KernelVersion", host.kernelVersion());
        i.put("OperatingSystem", host.operatingSystem());
        i.put("OSVersion", "");
        i.put("OSType", "linux");
        i.put("Architecture", host.machine());
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        registryConfig(i.putObject("RegistryConfig"));
        i.put("NCPU", host.ncpu());
        i.put("MemTotal", host.memTotalBytes());
        i.putNull("GenericResources");
        i.put("DockerRootDir", storage.getDataRoot());
        i.put("HttpProxy", "").put("HttpsProxy", "").put("NoProxy", "");
        i.put("Name", name);
        i.putArray("Labels");
        i.put("ExperimentalBuild", false);
        i.put("ServerVersion", BuildInfo.VERSION);
        i.putObject("Runtimes").putObject("runc").put("path", "runc");
        i.put("DefaultRuntime", "runc");
        swarm(i.putObject("Swarm"));
        i.put("LiveRestoreEnabled", false);
        i.put("Isolation", "");
        i.put("InitBinary", "");
        for (String commit : new String[] {"ContainerdCommit", "RuncCommit", "InitCommit"}) {
            i.putObject(commit).put("ID", "").put("Expected", "");
        }
        i.putArray("SecurityOptions");
        i.putArray("Warnings");
        return i;
    }

    private static void counts(ObjectNode i, List<Container> containers) {
        int running = 0;
        int paused = 0;
        for (Container c : containers) {
            if (c.getState().getPaused()) {
                paused++;
            } else if (c.getState().getRunning()) {
                running++;
            }
        }
        i.put("Containers", containers.size());
        i.put("ContainersRunning", running);
        i.put("ContainersPaused", paused);
        i.put("ContainersStopped", containers.size() - running - paused);
    }

    private static void registryConfig(ObjectNode r) {
        r.putArray("AllowNondistributableArtifactsCIDRs");
        r.putArray("AllowNondistributableArtifactsHostnames");
        r.putArray("InsecureRegistryCIDRs").add("127.0.0.0/8");
        ObjectNode hub = r.putObject("IndexConfigs").putObject("docker.io");
        hub.put("Name", "docker.io");
        hub.putArray("Mirrors");
        hub.put("Secure", true).put("Official", true);
        r.putArray("Mirrors");
    }

    private static void swarm(ObjectNode s) {
        s.put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive")
                .put("ControlAvailable", false).put("Error", "");
        s.putNull("RemoteManagers");
    }
}
