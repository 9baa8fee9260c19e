package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.types.v1.StringList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's container "Config" object (Docker Engine API 1.41 swagger ContainerConfig; moby
 * {@code container.Config}) in the field order and with the omitempty rules of dockerd's Go struct, built
 * either from an image config's {@code config}/{@code container_config} (image inspect) or from the engine's
 * {@link ContainerConfig} (container inspect). Unset lists are {@code null}, as Go writes nil slices.
 */
public final class ConfigJson {
    private ConfigJson() {
    }

    /**
     * @param config the "config" object of an image config blob (Docker image spec v1.2 / OCI config.md),
     *     or null/missing
     * @return the full Config object
     */
    public static ObjectNode fromImageConfig(JsonNode config) {
        JsonNode c = config == null || !config.isObject() ? Json.object() : config;
        ObjectNode o = Json.object();
        o.put("Hostname", text(c, "Hostname"));
        o.put("Domainname", text(c, "Domainname"));
        o.put("User", text(c, "User"));
        o.put("AttachStdin", c.path("AttachStdin").asBoolean(false));
        o.put("AttachStdout", c.path("AttachStdout").asBoolean(false));
        o.put("AttachStderr", c.path("AttachStderr").asBoolean(false));
        if (c.path("ExposedPorts").isObject() && !c.path("ExposedPorts").isEmpty()) {
            o.set("ExposedPorts", c.get("ExposedPorts").deepCopy());
        }
        o.put("Tty", c.path("Tty").asBoolean(false));
        o.put("OpenStdin", c.path("OpenStdin").asBoolean(false));
        o.put("StdinOnce", c.path("StdinOnce").asBoolean(false));
        o.set("Env", copyOrNull(c, "Env"));
        o.set("Cmd", copyOrNull(c, "Cmd"));
        if (c.path("Healthcheck").isObject()) {
            o.set("Healthcheck", c.get("Healthcheck").deepCopy());
        }
        if (c.path("ArgsEscaped").asBoolean(false)) {
            o.put("ArgsEscaped", true);
        }
        o.put("Image", text(c, "Image"));
        o.set("Volumes", copyOrNull(c, "Volumes"));
        o.put("WorkingDir", text(c, "WorkingDir"));
        o.set("Entrypoint", copyOrNull(c, "Entrypoint"));
        if (c.path("NetworkDisabled").asBoolean(false)) {
            o.put("NetworkDisabled", true);
        }
        if (!text(c, "MacAddress").isEmpty()) {
            o.put("MacAddress", text(c, "MacAddress"));
        }
        o.set("OnBuild", copyOrNull(c, "OnBuild"));
        o.set("Labels", copyOrNull(c, "Labels"));
        if (!text(c, "StopSignal").isEmpty()) {
            o.put("StopSignal", text(c, "StopSignal"));
        }
        if (c.path("StopTimeout").isInt()) {
            o.put("StopTimeout", c.get("StopTimeout").asInt());
        }
        if (c.path("Shell").isArray() && !c.get("Shell").isEmpty()) {
            o.set("Shell", c.get("Shell").deepCopy());
        }
        return o;
    }

    /**
     * @param c the container's config as the engine keeps it (merged with the image's)
     * @return the full Config object
     */
    public static ObjectNode fromContainer(ContainerConfig c) {
        ObjectNode o = Json.object();
        o.put("Hostname", c.getHostname()).put("Domainname", c.getDomainname()).put("User", c.getUser());
        o.put("AttachStdin", c.getAttachStdin()).put("AttachStdout", c.getAttachStdout())
                .put("AttachStderr", c.getAttachStderr());
        if (c.getExposedPortsCount() > 0) {
            ObjectNode ports = o.putObject("ExposedPorts");
            c.getExposedPortsList().forEach(p -> ports.putObject(p));
        }
        o.put("Tty", c.getTty()).put("OpenStdin", c.getOpenStdin()).put("StdinOnce", c.getStdinOnce());
        o.set("Env", strings(c.getEnvList(), c.getEnvCount() > 0));
        o.set("Cmd", c.hasCmd() ? strings(c.getCmd()) : Json.MAPPER.nullNode());
        o.put("Image", c.getImage());
        if (c.getVolumesCount() > 0) {
            ObjectNode vols = o.putObject("Volumes");
            c.getVolumesList().forEach(v -> vols.putObject(v));
        } else {
            o.putNull("Volumes");
        }
        o.put("WorkingDir", c.getWorkingDir());
        o.set("Entrypoint", c.hasEntrypoint() && c.getEntrypoint().getValuesCount() > 0
                ? strings(c.getEntrypoint()) : Json.MAPPER.nullNode());
        if (c.getNetworkDisabled()) {
            o.put("NetworkDisabled", true);
        }
        o.putNull("OnBuild");
        o.set("Labels", labels(c.getLabelsMap()));
        if (!c.getStopSignal().isEmpty()) {
            o.put("StopSignal", c.getStopSignal());
        }
        if (c.hasStopTimeout()) {
            o.put("StopTimeout", c.getStopTimeout());
        }
        return o;
    }

    /**
     * @param labels labels
     * @return a JSON object with the labels sorted by key
     */
    public static ObjectNode labels(Map<String, String> labels) {
        ObjectNode o = Json.object();
        new TreeMap<>(labels).forEach(o::put);
        return o;
    }

    private static JsonNode strings(StringList list) {
        return strings(list.getValuesList(), true);
    }

    private static JsonNode strings(List<String> values, boolean present) {
        if (!present) {
            return Json.MAPPER.nullNode();
        }
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }

    private static JsonNode copyOrNull(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? Json.MAPPER.nullNode() : v.deepCopy();
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
