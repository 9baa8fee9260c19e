package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The top-level {@code Mounts} of Docker Engine API 1.41 container inspect (swagger MountPoint): one entry
 * per bind of Binds ({@code Mode} as given, {@code RW}, {@code Propagation}) and per Mount of type bind or
 * tmpfs, as dockerd lists them. Tmpfs ({@code --tmpfs}) entries are not listed, as in dockerd. The engine has
 * checked every entry at create, so the splitting here is only for display.
 */
public final class MountPointsJson {
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");

    private MountPointsJson() {
    }

    /**
     * @param h the container's host config
     * @return the Mounts array ([] when there are none)
     */
    public static ArrayNode of(HostConfig h) {
        ArrayNode out = Json.array();
        for (String raw : h.getBindsList()) {
            String[] parts = raw.split(":", 3);
            if (parts.length < 2) {
                continue;
            }
            String mode = parts.length == 3 ? parts[2] : "";
            List<String> opts = List.of(mode.split(","));
            String propagation = opts.stream().filter(PROPAGATIONS::contains).findFirst().orElse("rprivate");
            add(out, "bind", parts[0], Path.of(parts[1]).normalize().toString(), mode, !opts.contains("ro"),
                    propagation);
        }
        for (HostConfig.Mount m : h.getMountsList()) {
            if (m.getType().equals("bind")) {
                add(out, "bind", m.getSource(), m.getTarget(), "", !m.getReadOnly(),
                        m.getPropagation().isEmpty() ? "rprivate" : m.getPropagation());
            } else if (m.getType().equals("tmpfs")) {
                add(out, "tmpfs", "", m.getTarget(), "", !m.getReadOnly(), "");
            }
        }
        return out;
    }

    private static void add(ArrayNode out, String type, String source, String destination, String mode, boolean rw,
                            String propagation) {
        ObjectNode o = out.addObject();
        o.put("Type", type);
        o.put("Source", source);
        o.put("Destination", destination);
        o.put("Mode", mode);
        o.put("RW", rw);
        o.put("Propagation", propagation);
    }
}
