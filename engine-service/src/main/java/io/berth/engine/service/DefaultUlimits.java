package io.berth.engine.service;

import io.berth.common.settings.DaemonSettings;
import io.berth.proto.engine.v1.HostConfig;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daemon's {@code default-ulimits} (daemon.json, or berthd's {@code --default-ulimit}) applied to a new
 * container, as moby 20.10's {@code Daemon.mergeUlimits} (daemon/daemon_unix.go, called from
 * {@code adaptContainerSettings} at create): every default whose name the container's own {@code HostConfig.Ulimits}
 * (the CLI's {@code --ulimit}) does not name is appended, so the record, {@code docker inspect} and the runtime
 * spec's {@code process.rlimits} all have it. The container's own value wins name by name. Defaults are appended in
 * name order (dockerd's Go map order is random).
 */
public final class DefaultUlimits {
    private DefaultUlimits() {
    }

    /**
     * @param hc the container's host config as requested
     * @param defaults the daemon's default ulimits by name (Hard/Soft -1 = unlimited)
     * @return {@code hc} with the defaults it does not override appended to its Ulimits
     */
    public static HostConfig merge(HostConfig hc, Map<String, DaemonSettings.Ulimit> defaults) {
        if (defaults.isEmpty()) {
            return hc;
        }
        Set<String> own = new HashSet<>();
        hc.getUlimitsList().forEach(u -> own.add(u.getName()));
        HostConfig.Builder b = hc.toBuilder();
        new TreeMap<>(defaults).forEach((key, u) -> {
            String name = u.name() == null || u.name().isEmpty() ? key : u.name();
            if (!own.contains(name)) {
                b.addUlimits(HostConfig.Ulimit.newBuilder().setName(name).setSoft(u.soft()).setHard(u.hard()));
            }
        });
        return b.build();
    }
}
