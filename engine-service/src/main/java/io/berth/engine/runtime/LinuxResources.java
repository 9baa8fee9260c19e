package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.HostConfig;
import java.math.BigInteger;
import java.util.List;

/**
 * The {@code linux.resources} of a container's runtime spec (OCI config-linux.md#control-groups), as
 * dockerd 20.10 fills it (moby daemon/oci_linux.go {@code WithResources}/{@code WithDevices},
 * daemon_unix.go {@code getCPUResources}): the device rules (Docker's default allow-list, or allow-all
 * when privileged), memory.limit, pids.limit and cpu: shares, cpus/mems (cpuset), and the CFS quota and
 * period in microseconds: NanoCpus gives period 100000 and quota NanoCpus × period / 1e9; CpuPeriod and
 * CpuQuota, when set, override them; the real-time period and runtime (µs); memory limit, reservation, swap
 * (memory + swap, bytes; -1 unlimited), kernel, swappiness and disableOOMKiller; blockIO weight, per-device
 * weights and read/write bytes and IOPS throttles (devices by major:minor, {@link DeviceNode}). Values the
 * host cannot honour were already dropped with dockerd's warnings at create.
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
        ObjectNode memory = memory(hc);
        if (!memory.isEmpty()) {
            res.set("memory", memory);
        }
        ObjectNode cpu = cpu(hc);
        if (!cpu.isEmpty()) {
            res.set("cpu", cpu);
        }
        if (hc.getPidsLimit() > 0) {
            res.putObject("pids").put("limit", hc.getPidsLimit());
        }
        ObjectNode blockIo = blockIo(hc);
        if (!blockIo.isEmpty()) {
            res.set("blockIO", blockIo);
        }
        return res;
    }

    /** memory: limit, reservation, swap (Docker's MemorySwap is memory + swap; -1 unlimited), kernel, swappiness. */
    private static ObjectNode memory(HostConfig hc) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        if (hc.getMemoryBytes() > 0) {
            m.put("limit", hc.getMemoryBytes());
        }
        if (hc.getMemoryReservation() > 0) {
            m.put("reservation", hc.getMemoryReservation());
        }
        if (hc.getMemorySwap() != 0) {
            m.put("swap", hc.getMemorySwap());
        }
        if (hc.getKernelMemory() > 0) {
            m.put("kernel", hc.getKernelMemory());
        }
        if (hc.hasMemorySwappiness()) {
            m.put("swappiness", hc.getMemorySwappiness());
        }
        if (hc.getOomKillDisable()) {
            m.put("disableOOMKiller", true);
        }
        return m;
    }

    /** blockIO: weight, weightDevice and the four throttles, each device by its major and minor number. */
    private static ObjectNode blockIo(HostConfig hc) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        if (hc.getBlkioWeight() > 0) {
            b.put("weight", hc.getBlkioWeight());
        }
        if (hc.getBlkioWeightDeviceCount() > 0) {
            ArrayNode a = b.putArray("weightDevice");
            for (HostConfig.WeightDevice w : hc.getBlkioWeightDeviceList()) {
                DeviceNode d = DeviceNode.block(w.getPath(), "BlkioWeightDevice");
                a.addObject().put("major", d.major()).put("minor", d.minor()).put("weight", w.getWeight());
            }
        }
        throttles(b, "throttleReadBpsDevice", hc.getBlkioDeviceReadBpsList(), "BlkioDeviceReadBps");
        throttles(b, "throttleWriteBpsDevice", hc.getBlkioDeviceWriteBpsList(), "BlkioDeviceWriteBps");
        throttles(b, "throttleReadIOPSDevice", hc.getBlkioDeviceReadIopsList(), "BlkioDeviceReadIOps");
        throttles(b, "throttleWriteIOPSDevice", hc.getBlkioDeviceWriteIopsList(), "BlkioDeviceWriteIOps");
        return b;
    }

    private static void throttles(ObjectNode blockIo, String key, List<HostConfig.ThrottleDevice> l, String what) {
        if (l.isEmpty()) {
            return;
        }
        ArrayNode a = blockIo.putArray(key);
        for (HostConfig.ThrottleDevice t : l) {
            DeviceNode d = DeviceNode.block(t.getPath(), what);
            a.addObject().put("major", d.major()).put("minor", d.minor())
                    .put("rate", new BigInteger(Long.toUnsignedString(t.getRate())));
        }
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
        if (hc.getCpuRealtimePeriod() > 0) {
            cpu.put("realtimePeriod", hc.getCpuRealtimePeriod());
        }
        if (hc.getCpuRealtimeRuntime() > 0) {
            cpu.put("realtimeRuntime", hc.getCpuRealtimeRuntime());
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
