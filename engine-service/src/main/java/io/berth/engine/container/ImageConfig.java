package io.berth.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.engine.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime defaults of an image, from the "config" object of its config blob (Docker Image
 * Specification v1.2 and OCI image-spec config.md share these names).
 *
 * @param env "KEY=value" entries
 * @param cmd default command, {@code null} if none
 * @param entrypoint entrypoint, {@code null} if none
 * @param workingDir default working directory, "" if none
 * @param user default user, "" if none
 * @param labels image labels
 * @param exposedPorts "80/tcp" style keys
 * @param volumes container paths
 * @param stopSignal "SIGTERM" style, "" if none
 */
public record ImageConfig(List<String> env, List<String> cmd, List<String> entrypoint, String workingDir,
                          String user, Map<String, String> labels, List<String> exposedPorts,
                          List<String> volumes, String stopSignal) {

    /** @return the config of an image without any defaults */
    public static ImageConfig empty() {
        return new ImageConfig(List.of(), null, null, "", "", Map.of(), List.of(), List.of(), "");
    }

    /**
     * Parses an image config blob.
     *
     * @param configJson the blob (JSON)
     * @return its runtime defaults (empty ones if the blob has no "config")
     * @throws InternalException if the blob is not JSON
     */
    public static ImageConfig parse(byte[] configJson) {
        if (configJson == null || configJson.length == 0) {
            return empty();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(configJson);
        } catch (IOException e) {
            throw new InternalException("image config is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode c = root.path("config");
        if (!c.isObject()) {
            return empty();
        }
        List<String> env = strings(c.get("Env"));
        return new ImageConfig(env == null ? List.of() : env, strings(c.get("Cmd")), strings(c.get("Entrypoint")),
                c.path("WorkingDir").asText(""), c.path("User").asText(""), stringMap(c.get("Labels")),
                keys(c.get("ExposedPorts")), keys(c.get("Volumes")), c.path("StopSignal").asText(""));
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
        }
        return out;
    }
}
