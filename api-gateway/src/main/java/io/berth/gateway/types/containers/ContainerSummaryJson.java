package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.gateway.types.DockerTime;
import io.berth.proto.engine.v1.Container;
import java.time.Instant;
import java.util.List;

/**
 * One entry of Docker Engine API 1.41 {@code GET /containers/json} (swagger ContainerSummary): Id, Names
 * ("/web"), Image (as the user gave it), ImageID, Command (path and args, args with spaces quoted as dockerd
 * does), Created (unix seconds), Ports, Labels, State, Status (human text), HostConfig {NetworkMode},
 * NetworkSettings {Networks}, Mounts.
 */
public final class ContainerSummaryJson {
    private ContainerSummaryJson() {
    }

    /**
     * @param c the container
     * @param now the current time (for Status)
     * @return the JSON object
     */
    public static ObjectNode of(Container c, Instant now) {
        ObjectNode o = Json.object();
        o.put("Id", c.getId());
        o.putArray("Names").add(c.getName().startsWith("/") ? c.getName() : "/" + c.getName());
        o.put("Image", c.getConfig().getImage().isEmpty() ? c.getImageId() : c.getConfig().getImage());
        o.put("ImageID", c.getImageId());
        o.put("Command", command(c.getPath(), c.getArgsList()));
        o.put("Created", DockerTime.unixSeconds(c.getCreated()));
        o.putArray("Ports");
        o.set("Labels", ConfigJson.labels(c.getConfig().getLabelsMap()));
        o.put("State", c.getState().getStatus());
        o.put("Status", ContainerStatus.of(c.getState(), now));
        o.putObject("HostConfig").put("NetworkMode", networkMode(c));
        o.putObject("NetworkSettings").putObject("Networks");
        o.putArray("Mounts");
        return o;
    }

    /**
     * @param path the process path
     * @param args its arguments
     * @return dockerd's Command text: path, then args joined by spaces, an arg containing a space in single quotes
     */
    public static String command(String path, List<String> args) {
        if (args.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path);
        for (String a : args) {
            sb.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return sb.toString();
    }

    static String networkMode(Container c) {
        String mode = c.getHostConfig().getNetworkMode();
        return mode.isEmpty() ? "default" : mode;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }
}
