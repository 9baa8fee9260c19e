package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} of a committed image, as dockerd 20.10's {@code CreateImageFromContainer} (moby
 * daemon/commit.go) makes it: the request's config (Go's zero {@code container.Config} when the body is
 * empty or {@code null}, as the docker CLI sends it) with the {@code --change} instructions applied
 * ({@link ConfigChanges}, dockerd's {@code BuildFromConfig}), then {@code merge}d with the container's
 * config: User, WorkingDir, StopSignal, Healthcheck and Volumes when unset, ExposedPorts, Env (by name) and
 * Labels added where missing (Labels becomes {@code {}} at least), Cmd (and ArgsEscaped) when neither
 * Entrypoint nor Cmd is set, Entrypoint when it is null. Everything else keeps the request's value (so
 * Hostname, Image and Tty are zero, as in dockerd's commits). Keys are written in Go's field order of
 * {@code container.Config} ({@link #ordered}).
 */
final class CommitConfig {
    /** Go's field order of api/types/container.Config; the omitempty ones are left out when absent. */
    static final List<String> GO_ORDER = List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout",
            "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck",
            "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled", "MacAddress",
            "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell");

    private CommitConfig() {
    }

    /**
     * @param request the request body's config, or {@code null}
     * @param changes Dockerfile instructions
     * @param container the container's config (Docker's inspect {@code Config})
     * @return the new image's {@code config}
     * @throws io.berth.common.errors.InvalidArgumentException for a bad change
     */
    static ObjectNode build(JsonNode request, List<String> changes, ObjectNode container) {
        ObjectNode user = ImageImporter.emptyContainerConfig();
        if (request != null && request.isObject()) {
            user.setAll((ObjectNode) request);
        }
        ConfigChanges.apply(user, changes, container == null ? null : container.get("Env"));
        merge(user, container);
        return ordered(user);
    }

    /** moby daemon/commit.go {@code merge(userConf, imageConf)}. */
    static void merge(ObjectNode user, ObjectNode image) {
        if (blank(user, "User")) {
            copy(user, image, "User");
        }
        if (empty(user, "ExposedPorts")) {
            copy(user, image, "ExposedPorts");
        } else if (image.get("ExposedPorts") instanceof ObjectNode ports) {
            ObjectNode mine = (ObjectNode) user.get("ExposedPorts");
            ports.fields().forEachRemaining(e -> {
                if (!mine.has(e.getKey())) {
                    mine.set(e.getKey(), e.getValue());
                }
            });
        }
        if (empty(user, "Env")) {
            copy(user, image, "Env");
        } else if (image.get("Env") instanceof ArrayNode env) {
            ArrayNode mine = (ArrayNode) user.get("Env");
            for (JsonNode v : env) {
                String key = v.asText().split("=", 2)[0];
                boolean found = false;
                for (JsonNode u : mine) {
                    if (u.asText().split("=", 2)[0].equals(key)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    mine.add(v.asText());
                }
            }
        }
        ObjectNode labels = user.get("Labels") instanceof ObjectNode l ? l : user.putObject("Labels");
        if (image.get("Labels") instanceof ObjectNode il) {
            il.fields().forEachRemaining(e -> {
                if (!labels.has(e.getKey())) {
                    labels.set(e.getKey(), e.getValue());
                }
            });
        }
        if (empty(user, "Entrypoint")) {
            if (empty(user, "Cmd")) {
                copy(user, image, "Cmd");
                copy(user, image, "ArgsEscaped");
            }
            if (!user.hasNonNull("Entrypoint")) {
                copy(user, image, "Entrypoint");
            }
        }
        mergeHealthcheck(user, image);
        if (blank(user, "WorkingDir")) {
            copy(user, image, "WorkingDir");
        }
        if (empty(user, "Volumes")) {
            copy(user, image, "Volumes");
        } else if (image.get("Volumes") instanceof ObjectNode vols) {
            ((ObjectNode) user.get("Volumes")).setAll(vols);
        }
        if (blank(user, "StopSignal")) {
            copy(user, image, "StopSignal");
        }
    }

    private static void mergeHealthcheck(ObjectNode user, ObjectNode image) {
        if (!(image.get("Healthcheck") instanceof ObjectNode ih)) {
            return;
        }
        if (!(user.get("Healthcheck") instanceof ObjectNode uh)) {
            user.set("Healthcheck", ih.deepCopy());
            return;
        }
        if (empty(uh, "Test")) {
            copy(uh, ih, "Test");
        }
        for (String d : List.of("Interval", "Timeout", "StartPeriod", "Retries")) {
            if (uh.path(d).asLong(0) == 0) {
                copy(uh, ih, d);
            }
        }
    }

    /**
     * @param config a container config
     * @return the same keys in Go's field order; keys Go does not know come last, as they were
     */
    static ObjectNode ordered(ObjectNode config) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String k : GO_ORDER) {
            if (config.has(k)) {
                out.set(k, config.get(k));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean blank(ObjectNode n, String key) {
        return n.path(key).asText("").isEmpty();
    }

    private static boolean empty(ObjectNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() || (v.isContainerNode() && v.isEmpty()) || (v.isTextual() && v.asText().isEmpty());
    }

    private static void copy(ObjectNode to, ObjectNode from, String key) {
        JsonNode v = from.get(key);
        if (v != null) {
            to.set(key, v.deepCopy());
        }
    }
}
