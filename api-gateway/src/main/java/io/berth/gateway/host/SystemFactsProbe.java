package io.berth.gateway.host;

import io.berth.common.cgroup.CgroupProbe;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Gathers {@link SystemFacts}: the host's files through {@link HostFacts}, {@link CgroupProbe} and
 * {@link NetworkSysctls} on the same root, the gateway's own descriptors and live threads (all of them, daemon
 * threads included), its debug flag, the daemon's default log driver and the live events streams. Every call measures again (nothing is
 * cached: the sysctls, fds and listeners change while the daemon runs).
 */
public final class SystemFactsProbe {
    private final HostFacts host;
    private final CgroupProbe cgroups;
    private final EventsListeners listeners;
    private final boolean debug;
    private final String logDriver;
    private final List<String> apiWarnings;

    /**
     * @param host the host's files (its root is also where cgroups and sysctls are read)
     * @param listeners the live events streams
     * @param debug the gateway's {@code --debug} flag
     * @param logDriver the daemon's default log driver ({@code --log-driver})
     * @param apiWarnings the warnings about the API's listeners (fixed at start)
     */
    public SystemFactsProbe(HostFacts host, EventsListeners listeners, boolean debug, String logDriver,
                            List<String> apiWarnings) {
        this.logDriver = logDriver;
        this.apiWarnings = List.copyOf(apiWarnings);
        this.host = host;
        this.cgroups = new CgroupProbe(host.root());
        this.listeners = listeners;
        this.debug = debug;
    }

    /** @return the facts as of now */
    public SystemFacts measure() {
        return new SystemFacts(host.hostname(), host.kernelVersion(), host.operatingSystem(), host.memTotalBytes(),
                host.ncpu(), host.cgroupVersion(), host.goArch(), host.machine(), cgroups.measure(),
                NetworkSysctls.read(host.root()), host.openFileDescriptors(),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                io.berth.common.settings.SettingsReload.installed() ? io.berth.common.settings.SettingsReload.current().debug()
                        : debug, logDriver,
                listeners.count(), apiWarnings);
    }
}
