package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import java.util.Set;

/**
 * One entry of Docker's HostConfig.Binds, parsed as dockerd 20.10's Linux parser does (moby
 * volume/mounts/linux_parser.go {@code ParseMountRaw}): {@code source:destination[:mode]} where mode is a
 * comma-separated list of at most one of each: {@code ro}/{@code rw}, a propagation ({@code private},
 * {@code rprivate}, {@code shared}, {@code rshared}, {@code slave}, {@code rslave}), an SELinux label
 * ({@code z}/{@code Z}, no effect here), {@code nocopy}, a consistency ({@code consistent}, {@code cached},
 * {@code delegated}, no effect on Linux). A source that is an absolute path is a bind of a host path;
 * anything else names a volume.
 *
 * @param source the host path, or a volume name ("" for an anonymous volume)
 * @param destination the absolute path in the container, cleaned
 * @param readOnly mode has "ro"
 * @param propagation the propagation ("rprivate" when the mode has none)
 * @param mode the mode as given ("" if none)
 */
public record BindSpec(String source, String destination, boolean readOnly, String propagation, String mode) {
    /** Bind propagation modes (OCI config-linux.md rootfsPropagation values; mount(8)). */
    public static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");
    private static final Set<String> RW = Set.of("rw", "ro");
    private static final Set<String> LABELS = Set.of("z", "Z");
    private static final Set<String> COPY = Set.of("nocopy");
    private static final Set<String> CONSISTENCY = Set.of("consistent", "cached", "delegated");

    /** @return true if the source is a host path (a bind), false if it names a volume */
    public boolean isHostPath() {
        return source.startsWith("/");
    }

    /**
     * @param raw a Binds entry, e.g. "/tmp/x:/x:ro"
     * @return the parsed bind
     * @throws InvalidArgumentException dockerd's "invalid volume specification: '...'", "invalid mode: ..."
     *     or "invalid mount config ..." texts
     */
    public static BindSpec parse(String raw) {
        String[] arr = raw.split(":", 4);
        if (arr[0].isEmpty()) {
            throw invalidSpec(raw);
        }
        String source;
        String target;
        String mode = "";
        switch (arr.length) {
            case 1 -> {
                source = "";
                target = arr[0];
            }
            case 2 -> {
                if (validMode(arr[1])) {
                    throw invalidSpec(raw);
                }
                source = arr[0];
                target = arr[1];
            }
            case 3 -> {
                source = arr[0];
                target = arr[1];
                mode = arr[2];
            }
            default -> throw invalidSpec(raw);
        }
        if (!validMode(mode)) {
            throw new InvalidArgumentException("invalid mode: " + mode);
        }
        String type = source.startsWith("/") ? "bind" : "volume";
        String destination = MountPaths.checkTarget(type, target, "invalid volume specification: '" + raw + "': ");
        List<String> opts = mode.isEmpty() ? List.of() : List.of(mode.split(","));
        String propagation = opts.stream().filter(PROPAGATIONS::contains).findFirst().orElse("rprivate");
        return new BindSpec(source, destination, opts.contains("ro"), propagation, mode);
    }

    private static boolean validMode(String mode) {
        if (mode.isEmpty()) {
            return true;
        }
        int rw = 0;
        int label = 0;
        int propagation = 0;
        int copy = 0;
        int consistency = 0;
        for (String o : mode.split(",", -1)) {
            if (RW.contains(o)) {
                rw++;
            } else if (LABELS.contains(o)) {
                label++;
            } else if (PROPAGATIONS.contains(o)) {
                propagation++;
            } else if (COPY.contains(o)) {
                copy++;
            } else if (CONSISTENCY.contains(o)) {
                consistency++;
            } else {
                return false;
            }
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    private static InvalidArgumentException invalidSpec(String raw) {
        return new InvalidArgumentException("invalid volume specification: '" + raw + "'");
    }
}
