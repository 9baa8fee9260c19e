package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.engine.v1.HostConfig;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code HostConfig} of Docker Engine API 1.41 container inspect (swagger HostConfig), filled from the
 * engine's {@link HostConfig} (binds, mounts, tmpfs, capabilities, CPU and memory limits, ulimits, DNS,
 * extra hosts, ...) with dockerd's defaults for what berth does not implement yet (no port bindings, no
 * devices, private IPC, 64 MiB /dev/shm, runc).
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
        o.set("CapAdd", stringsOrNull(h.getCapAddList()));
        o.set("CapDrop", stringsOrNull(h.getCapDropList()));
        o.put("CgroupnsMode", "host");
        o.set("Dns", ContainerSummaryJson.strings(h.getDnsList()));
        o.set("DnsOptions", ContainerSummaryJson.strings(h.getDnsOptionsList()));
        o.set("DnsSearch", ContainerSummaryJson.strings(h.getDnsSearchList()));
        o.set("ExtraHosts", stringsOrNull(h.getExtraHostsList()));
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
        if (h.getTmpfsCount() > 0) {
            ObjectNode tmpfs = o.putObject("Tmpfs");
            new TreeMap<>(h.getTmpfsMap()).forEach(tmpfs::put);
        }
        o.put("UTSMode", "");
        o.put("UsernsMode", "");
        o.put("ShmSize", 67108864L);
        o.put("Runtime", "runc");
        ArrayNode console = o.putArray("ConsoleSize");
        console.add(0).add(0);
        o.put("Isolation", "");
        resources(o, h);
        if (h.getMountsCount() > 0) {
            ArrayNode mounts = o.putArray("Mounts");
            h.getMountsList().forEach(m -> mounts.add(mount(m)));
        }
        return o;
    }

    /** @return Docker's Mount: Type, Source, Target, ReadOnly, BindOptions and TmpfsOptions when set */
    private static ObjectNode mount(HostConfig.Mount m) {
        ObjectNode o = Json.object();
        o.put("Type", m.getType());
        if (!m.getSource().isEmpty()) {
            o.put("Source", m.getSource());
        }
        o.put("Target", m.getTarget());
        if (m.getReadOnly()) {
            o.put("ReadOnly", true);
        }
        if (!m.getPropagation().isEmpty() || m.getNonRecursive()) {
            ObjectNode b = o.putObject("BindOptions");
            if (!m.getPropagation().isEmpty()) {
                b.put("Propagation", m.getPropagation());
            }
            if (m.getNonRecursive()) {
                b.put("NonRecursive", true);
            }
        }
        if (m.getTmpfsSizeBytes() != 0 || m.getTmpfsMode() != 0) {
            ObjectNode t = o.putObject("TmpfsOptions");
            if (m.getTmpfsSizeBytes() != 0) {
                t.put("SizeBytes", m.getTmpfsSizeBytes());
            }
            if (m.getTmpfsMode() != 0) {
                t.put("Mode", m.getTmpfsMode());
            }
        }
        return o;
    }

    private static JsonNode stringsOrNull(List<String> l) {
        return l.isEmpty() ? Json.MAPPER.nullNode() : ContainerSummaryJson.strings(l);
    }

    private static void resources(ObjectNode o, HostConfig h) {
        o.put("CpuShares", h.getCpuShares());
        o.put("Memory", h.getMemoryBytes());
        o.put("NanoCpus", h.getNanoCpus());
        o.put("CgroupParent", "");
        o.put("BlkioWeight", 0);
        o.putNull("BlkioWeightDevice");
        o.putNull("BlkioDeviceReadBps");
        o.putNull("BlkioDeviceWriteBps");
        o.putNull("BlkioDeviceReadIOps");
        o.putNull("BlkioDeviceWriteIOps");
        o.put("CpuPeriod", h.getCpuPeriod()).put("CpuQuota", h.getCpuQuota()).put("CpuRealtimePeriod", 0)
                .put("CpuRealtimeRuntime", 0);
        o.put("CpusetCpus", h.getCpusetCpus()).put("CpusetMems", h.getCpusetMems());
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
        if (h.getUlimitsCount() == 0) {
            o.putNull("Ulimits");
        } else {
            ArrayNode ulimits = o.putArray("Ulimits");
            h.getUlimitsList().forEach(u -> ulimits.addObject().put("Name", u.getName()).put("Hard", u.getHard())
                    .put("Soft", u.getSoft()));
        }
        o.put("CpuCount", 0).put("CpuPercent", 0).put("IOMaximumIOps", 0).put("IOMaximumBandwidth", 0);
    }
}
