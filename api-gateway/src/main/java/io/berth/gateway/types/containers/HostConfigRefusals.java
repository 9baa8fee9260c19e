package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.http.JsonFields;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The HostConfig fields of Docker Engine API 1.41 {@code POST /containers/create} that berth does not
 * implement and that the gateway therefore does not pass to the engine: a request that sets one gets 501
 * with the message of the table below, and nothing is created, instead of the option being silently
 * ignored. Clients send every field at its zero value (the CLI: {@code "PortBindings":{}},
 * {@code "Devices":[]}, {@code "MemorySwappiness":-1}; docker-java: explicit nulls), so only a value that
 * asks for something is refused. Options that do reach the engine (network mode, restart policy, volumes in
 * Binds/Mounts, add-host gateway) are refused there, so every gRPC client gets the same answer.
 */
public final class HostConfigRefusals {
    /** The message for published ports ({@code -p}, {@code -P}). */
    public static final String PORTS = "berth does not publish ports yet (needs container networking)";

    /**
     * One refused field.
     *
     * @param field the HostConfig field (Docker's name, matched ignoring case like dockerd)
     * @param isSet true when the field's value asks for something (it is never called with null)
     * @param message the 501 message
     */
    record Refusal(String field, Predicate<JsonNode> isSet, String message) {
    }

    private static final Predicate<JsonNode> TRUE = JsonNode::asBoolean;
    private static final Predicate<JsonNode> NON_EMPTY = n -> n.isContainerNode() ? !n.isEmpty()
            : n.isTextual() ? !n.asText().isEmpty() : n.isNumber() ? n.asLong() != 0 : n.asBoolean();
    private static final Predicate<JsonNode> NON_ZERO = n -> n.isNumber() && n.asLong() != 0;

    /** The table: every HostConfig field berth refuses, in the order they are checked. */
    static final List<Refusal> TABLE = List.of(
            new Refusal("PortBindings", HostConfigRefusals::hasBinding, PORTS),
            new Refusal("PublishAllPorts", TRUE, PORTS),
            new Refusal("Links", NON_EMPTY, "berth does not support links (--link) yet (needs container networking)"),
            new Refusal("VolumesFrom", NON_EMPTY, "berth does not support --volumes-from yet"),
            new Refusal("VolumeDriver", NON_EMPTY, "berth does not support volume drivers yet"),
            new Refusal("Devices", NON_EMPTY, "berth does not support devices (--device) yet"),
            new Refusal("DeviceRequests", NON_EMPTY, "berth does not support device requests (--gpus) yet"),
            new Refusal("DeviceCgroupRules", NON_EMPTY, "berth does not support --device-cgroup-rule yet"),
            new Refusal("Runtime", n -> !Set.of("", "runc").contains(n.asText()),
                    "berth does not support runtimes other than runc yet (--runtime)"),
            new Refusal("Init", TRUE, "berth does not support --init yet"),
            new Refusal("PidMode", NON_EMPTY, "berth does not support --pid yet"),
            new Refusal("IpcMode", n -> !Set.of("", "private", "shareable").contains(n.asText()),
                    "berth does not support --ipc other than private yet"),
            new Refusal("UTSMode", NON_EMPTY, "berth does not support --uts yet"),
            new Refusal("UsernsMode", n -> !Set.of("", "host").contains(n.asText()),
                    "berth does not support user namespaces (--userns) yet"),
            new Refusal("CgroupnsMode", n -> !Set.of("", "host").contains(n.asText()),
                    "berth does not support --cgroupns private yet"),
            new Refusal("Cgroup", NON_EMPTY, "berth does not support --cgroup yet"),
            new Refusal("CgroupParent", NON_EMPTY, "berth does not support --cgroup-parent per container yet"),
            new Refusal("Sysctls", NON_EMPTY, "berth does not support --sysctl yet"),
            new Refusal("SecurityOpt", NON_EMPTY, "berth does not support --security-opt yet"),
            new Refusal("GroupAdd", NON_EMPTY, "berth does not support --group-add yet"),
            new Refusal("StorageOpt", NON_EMPTY, "berth does not support --storage-opt yet"),
            new Refusal("ShmSize", NON_ZERO, "berth does not support --shm-size yet (/dev/shm is 64 MB)"),
            new Refusal("OomScoreAdj", NON_ZERO, "berth does not support --oom-score-adj yet"),
            new Refusal("OomKillDisable", TRUE, "berth does not support --oom-kill-disable yet"),
            new Refusal("MemoryReservation", NON_ZERO, "berth does not support --memory-reservation yet"),
            new Refusal("MemorySwap", NON_ZERO, "berth does not support --memory-swap yet"),
            new Refusal("MemorySwappiness", n -> n.isNumber() && n.asLong() != -1,
                    "berth does not support --memory-swappiness yet"),
            new Refusal("KernelMemory", NON_ZERO, "berth does not support --kernel-memory yet"),
            new Refusal("BlkioWeight", NON_ZERO, "berth does not support block IO limits (--blkio-weight) yet"),
            new Refusal("BlkioWeightDevice", NON_EMPTY, "berth does not support block IO limits yet"),
            new Refusal("BlkioDeviceReadBps", NON_EMPTY, "berth does not support block IO limits yet"),
            new Refusal("BlkioDeviceWriteBps", NON_EMPTY, "berth does not support block IO limits yet"),
            new Refusal("BlkioDeviceReadIOps", NON_EMPTY, "berth does not support block IO limits yet"),
            new Refusal("BlkioDeviceWriteIOps", NON_EMPTY, "berth does not support block IO limits yet"),
            new Refusal("CpuRealtimePeriod", NON_ZERO, "berth does not support real-time CPU limits yet"),
            new Refusal("CpuRealtimeRuntime", NON_ZERO, "berth does not support real-time CPU limits yet"));

    private HostConfigRefusals() {
    }

    /**
     * @param hostConfig the request's HostConfig object (null or missing: nothing to check)
     * @throws NotImplementedException (501) with the table's message for the first field that is set
     */
    public static void check(JsonNode hostConfig) {
        boolean hostNetwork = "host".equals(JsonFields.string(hostConfig, "NetworkMode"));
        for (Refusal r : TABLE) {
            JsonNode v = JsonFields.get(hostConfig, r.field());
            boolean discarded = hostNetwork && r.message().equals(PORTS);
            if (v != null && !discarded && r.isSet().test(v)) {
                throw new NotImplementedException(r.message());
            }
        }
    }

    /** @return true if some port has at least one binding ({"80/tcp":[{"HostPort":"8080"}]}) */
    private static boolean hasBinding(JsonNode portBindings) {
        for (JsonNode bindings : portBindings) {
            if (bindings.isArray() && !bindings.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
