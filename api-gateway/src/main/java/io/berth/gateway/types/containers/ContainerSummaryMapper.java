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
                new ContainerSummary.SummaryNetworkSettings(Map.of()),
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
}
