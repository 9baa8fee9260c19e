package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.types.containers.create.ContainerCreateRequest.HostConfig;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The HostConfig fields of Docker Engine API 1.41 {@code POST /containers/create} that berth does not
 * implement and that the gateway therefore does not pass to the engine: a request that sets one gets 501
 * with the message of the table below, and nothing is created, instead of the option being silently
 * ignored. Clients send every field at its zero value (the CLI: {@code "Links":null},
 * {@code "Devices":[]}, {@code "MemorySwappiness":-1}; docker-java: explicit nulls), so only a value that
 * asks for something is refused. Each refused field is a raw-JSON component of
 * {@link ContainerCreateRequest.HostConfig}, read case-insensitively like every other field, and checked
 * before anything is created. Options that do reach the engine (network mode, restart policy, volumes in
 * Binds/Mounts, add-host gateway) are refused there, so every gRPC client gets the same answer.
 */
public final class HostConfigRefusals {

    /**
     * One refused field.
     *
     * @param field the HostConfig field (Docker's name)
     * @param value its value in the request (null when missing)
     * @param isSet true when the field's value asks for something (never called with null or JSON null)
     * @param message the 501 message
     */
    record Refusal(String field, Function<HostConfig, JsonNode> value,
                   Predicate<JsonNode> isSet, String message) {
    }

    private static final Predicate<JsonNode> NON_EMPTY = n -> n.isContainerNode() ? !n.isEmpty()
            : n.isTextual() ? !n.asText().isEmpty() : n.isNumber() ? n.asLong() != 0 : n.asBoolean();

    /** The table: every HostConfig field berth refuses, in the order they are checked. */
    static final List<Refusal> TABLE = List.of(
            new Refusal("VolumeDriver", HostConfig::volumeDriver, n -> !Set.of("", "local").contains(n.asText()),
                    "berth does not support volume drivers other than local yet"),
            new Refusal("DeviceRequests", HostConfig::deviceRequests, NON_EMPTY,
                    "berth does not support device requests (--gpus) yet"),
            new Refusal("UsernsMode", HostConfig::usernsMode, n -> !Set.of("", "host").contains(n.asText()),
                    "berth does not support user namespaces (--userns) yet"),
            new Refusal("CgroupnsMode", HostConfig::cgroupnsMode, n -> !Set.of("", "host").contains(n.asText()),
                    "berth does not support --cgroupns private yet"),
            new Refusal("Cgroup", HostConfig::cgroup, NON_EMPTY, "berth does not support --cgroup yet"),
            new Refusal("StorageOpt", HostConfig::storageOpt, NON_EMPTY,
                    "berth does not support --storage-opt (storage options per container) yet"));
    private HostConfigRefusals() {
    }

    /**
     * @param hostConfig the request's HostConfig
     * @throws NotImplementedException (501) with the table's message for the first field that is set
     */
    public static void check(HostConfig hostConfig) {
        for (Refusal r : TABLE) {
            JsonNode v = r.value().apply(hostConfig);
            if (v != null && !v.isNull() && r.isSet().test(v)) {
                throw new NotImplementedException(r.message());
            }
        }
    }
}
