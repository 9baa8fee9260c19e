package io.berth.gateway.types.containers;

import io.berth.common.time.DockerTime;
import io.berth.proto.engine.v1.Container;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the engine's {@link Container} to one {@link ContainerSummary} of Docker Engine API 1.41
 * {@code GET /containers/json}.
 */
public final class ContainerSummaryMapper {
    private ContainerSummaryMapper() {
    }

    /**
     * @param c the container
     * @param now the current time (for Status)
     * @return the summary
     */
    public static ContainerSummary of(Container c, Instant now) {
        return new ContainerSummary(c.getId(),
                List.of(ContainerInspectMapper.name(c)),
                c.getConfig().getImage().isEmpty() ? c.getImageId() : c.getConfig().getImage(),
                c.getImageId(),
                command(c.getPath(), c.getArgsList()),
                DockerTime.unixSeconds(c.getCreated()),
                List.of(),
                new TreeMap<>(c.getConfig().getLabelsMap()),
                c.getState().getStatus(),
                ContainerStatus.of(c.getState(), now),
                new ContainerSummary.SummaryHostConfig(ContainerInspectMapper.networkMode(c.getHostConfig())),
                new ContainerSummary.SummaryNetworkSettings(new java.util.LinkedHashMap<>(
                        NetworkSettings.endpoints(c.getNetworkSettings()))),
                ContainerInspectMapper.mountPoints(c));
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

    /**
     * A summary with Docker's {@code SizeRw} and {@code SizeRootFs} put right after {@code Ports}, where moby's
     * {@code types.Container} has them ({@code docker ps -s}, {@code system df}).
     *
     * @param summary the summary
     * @param rw SizeRw in bytes, null to leave it out (Go's {@code omitempty} of a zero)
     * @param rootFs SizeRootFs in bytes, null to leave it out
     * @return the summary as JSON
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode withSizes(ContainerSummary summary, Long rw,
                                                                           Long rootFs) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = io.berth.common.json.Json.MAPPER.valueToTree(summary);
        com.fasterxml.jackson.databind.node.ObjectNode out = io.berth.common.json.Json.MAPPER.createObjectNode();
        for (var it = tree.fields(); it.hasNext(); ) {
            var f = it.next();
            out.set(f.getKey(), f.getValue());
            if (f.getKey().equals("Ports")) {
                if (rw != null) {
                    out.put("SizeRw", rw);
                }
                if (rootFs != null) {
                    out.put("SizeRootFs", rootFs);
                }
            }
        }
        return out;
    }
}
