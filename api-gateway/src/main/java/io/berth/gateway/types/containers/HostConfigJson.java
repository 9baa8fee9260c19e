package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.engine.v1.HostConfig;
import java.util.TreeMap;

/**
 * The {@code HostConfig} of Docker Engine API 1.41 container inspect (swagger HostConfig), filled from the
 * engine's {@link HostConfig} with dockerd's defaults for what berth does not implement yet (no port
 * bindings, no devices, private IPC, 64 MiB /dev/shm, runc).
 */
public final class HostConfigJson {
    private HostConfigJson() {
    }

    /**
     * @param h the engine's host config
     * @return the JSON object
     */
    public static ObjectNode of(HostConfig h) {
        ObjectNode o = Json.object();
        o.set("Binds", h.getBindsCount() == 0 ? Json.MAPPER.nullNode() : ContainerSummaryJson.strings(h.getBindsList()));
        o.put("ContainerIDFile", "");
        ObjectNode log = o.putObject("LogConfig");
        log.put("Type", h.getLogDriver().isEmpty() ? "json-file" : h.getLogDriver());
        ObjectNode logOpts = log.putObject("Config");
        new TreeMap<>(h.getLogOptionsMap()).forEach(logOpts::put);
        o.put("NetworkMode", h.getNetworkMode().isEmpty() ? "default" : h.getNetworkMode());
        o.putObject("PortBindings");
        o.putObject("RestartPolicy")
                .put("Name", h.getRestartPolicy().isEmpty() ? "no" : h.getRestartPolicy())
                .put("MaximumRetryCount", h.getRestartMaxRetries());
        o.put("AutoRemove", h.getAutoRemove());
        o.put("VolumeDriver", "");
        o.putNull("VolumesFrom");
        o.putNull("CapAdd");
        o.putNull("CapDrop");
        o.put("CgroupnsMode", "host");
        o.putArray("Dns");
        o.putArray("DnsOptions");
        o.putArray("DnsSearch");
        o.putNull("ExtraHosts");
        o.putNull("GroupAdd");
        o.put("IpcMode", "private");
        o.put("Cgroup", "");
        o.putNull("Links");
        o.put("OomScoreAdj", 0);
        o.put("PidMode", "");
        o.put("Privileged", h.getPrivileged());
        o.put("PublishAllPorts", false);
        o.put("ReadonlyRootfs", h.getReadonlyRootfs());
        o.putNull("SecurityOpt");
        o.put("UTSMode", "");
        o.put("UsernsMode", "");
        o.put("ShmSize", 67108864L);
        o.put("Runtime", "runc");
        ArrayNode console = o.putArray("ConsoleSize");
        console.add(0).add(0);
        o.put("Isolation", "");
        resources(o, h);
        return o;
    }

    private static void resources(ObjectNode o, HostConfig h) {
        o.put("CpuShares", h.getCpuShares());
        o.put("Memory", h.getMemoryBytes());
        o.put("NanoCpus", 0);
        o.put("CgroupParent", "");
        o.put("BlkioWeight", 0);
        o.putNull("BlkioWeightDevice");
        o.putNull("BlkioDeviceReadBps");
        o.putNull("BlkioDeviceWriteBps");
        o.putNull("BlkioDeviceReadIOps");
        o.putNull("BlkioDeviceWriteIOps");
        o.put("CpuPeriod", 0).put("CpuQuota", 0).put("CpuRealtimePeriod", 0).put("CpuRealtimeRuntime", 0);
        o.put("CpusetCpus", "").put("CpusetMems", "");
        o.putArray("Devices");
        o.putNull("DeviceCgroupRules");
        o.putNull("DeviceRequests");
        o.put("KernelMemory", 0).put("KernelMemoryTCP", 0).put("MemoryReservation", 0).put("MemorySwap", 0);
        o.putNull("MemorySwappiness");
        o.put("OomKillDisable", false);
        if (h.getPidsLimit() > 0) {
            o.put("PidsLimit", h.getPidsLimit());
        } else {
            o.putNull("PidsLimit");
        }
        o.putNull("Ulimits");
        o.put("CpuCount", 0).put("CpuPercent", 0).put("IOMaximumIOps", 0).put("IOMaximumBandwidth", 0);
    }
}
