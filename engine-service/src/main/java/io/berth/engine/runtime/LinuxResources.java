package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.HostConfig;

/**
 * The {@code linux.resources} of a container's runtime spec (OCI config-linux.md#control-groups), as
 * dockerd 20.10 fills it (moby daemon/oci_linux.go {@code WithResources}/{@code WithDevices},
 * daemon_unix.go {@code getCPUResources}): the device rules (Docker's default allow-list, or allow-all
 * when privileged), memory.limit, pids.limit and cpu: shares, cpus/mems (cpuset), and the CFS quota and
 * period in microseconds: NanoCpus gives period 100000 and quota NanoCpus × period / 1e9; CpuPeriod and
 * CpuQuota, when set, override them.
 */
public final class LinuxResources {
    /** The CFS period dockerd uses with NanoCpus ({@code --cpus}), in microseconds (100 ms). */
    public static final long NANO_CPUS_PERIOD = 100_000;

    private LinuxResources() {
    }

    /**
     * @param hc the host config
     * @return the {@code linux.resources} object
     */
    public static ObjectNode of(HostConfig hc) {
        ObjectNode res = Json.MAPPER.createObjectNode();
        devices(res.putArray("devices"), hc.getPrivileged());
        if (hc.getMemoryBytes() > 0) {
            res.putObject("memory").put("limit", hc.getMemoryBytes());
        }
        ObjectNode cpu = cpu(hc);
        if (!cpu.isEmpty()) {
            res.set("cpu", cpu);
        }
        if (hc.getPidsLimit() > 0) {
            res.putObject("pids").put("limit", hc.getPidsLimit());
        }
        return res;
    }

    private static ObjectNode cpu(HostConfig hc) {
        ObjectNode cpu = Json.MAPPER.createObjectNode();
        if (hc.getCpuShares() > 0) {
            cpu.put("shares", hc.getCpuShares());
        }
        long quota = 0;
        long period = 0;
        if (hc.getNanoCpus() > 0) {
            period = NANO_CPUS_PERIOD;
            quota = hc.getNanoCpus() * period / 1_000_000_000L;
        }
        if (hc.getCpuPeriod() != 0) {
            period = hc.getCpuPeriod();
        }
        if (hc.getCpuQuota() != 0) {
            quota = hc.getCpuQuota();
        }
        if (quota != 0) {
            cpu.put("quota", quota);
        }
        if (period != 0) {
            cpu.put("period", period);
        }
        if (!hc.getCpusetCpus().isEmpty()) {
            cpu.put("cpus", hc.getCpusetCpus());
        }
        if (!hc.getCpusetMems().isEmpty()) {
            cpu.put("mems", hc.getCpusetMems());
        }
        return cpu;
    }

    private static void devices(ArrayNode devices, boolean privileged) {
        if (privileged) {
            devices.addObject().put("allow", true).put("access", "rwm");
            return;
        }
        for (SpecDefaults.DeviceRule d : SpecDefaults.DEVICE_RULES) {
            ObjectNode o = devices.addObject();
            o.put("allow", d.allow());
            if (d.type() != null) {
                o.put("type", d.type());
            }
            if (d.major() != null) {
                o.put("major", d.major());
            }
            if (d.minor() != null) {
                o.put("minor", d.minor());
            }
            o.put("access", d.access());
        }
    }
}
