package io.berth.gateway.types.system;

import io.berth.common.logs.LogDrivers;
import io.berth.common.settings.DaemonSettings;
import io.berth.common.time.DockerTime;
import io.berth.gateway.BuildInfo;
import io.berth.common.cgroup.CgroupSupport;
import io.berth.gateway.host.SystemFacts;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link SystemInfo} (Docker Engine API 1.41 {@code GET /info}) from measured values only: container
 * counts by state from the engine; images, driver, driver status and root dir from storage; host name,
 * kernel, OS, CPUs, memory, cgroup controls, sysctls, the gateway's fds, threads, debug flag and events
 * streams from {@link SystemFacts}; warnings for what the host lacks ({@link InfoWarnings}). Fields berth has
 * no notion of yet (swarm, plugins beyond berth's log drivers, registry mirrors) carry dockerd's "nothing
 * configured" values, so {@code docker info} prints cleanly.
 */
public final class SystemInfoMapper {
    private SystemInfoMapper() {
    }

    /**
     * @param facts the host's and the gateway's measured facts
     * @param containers all containers (engine ListContainers all=true)
     * @param storage storage GetStorageInfo
     * @param now the current time (SystemTime)
     * @return the body
     */
    public static SystemInfo toSystemInfo(SystemFacts facts, List<Container> containers,
                                          GetStorageInfoResponse storage, Instant now) {
        return toSystemInfo(facts, containers, storage, now, DaemonSettings.DEFAULTS);
    }

    /**
     * @param facts the host's and the gateway's measured facts
     * @param containers all containers (engine ListContainers all=true)
     * @param storage storage GetStorageInfo
     * @param now the current time (SystemTime)
     * @param settings the daemon's settings now (berthd's flags and daemon.json, as of the last SIGHUP): Labels,
     *     RegistryConfig (insecure registries, mirrors), LiveRestoreEnabled, LoggingDriver, DefaultRuntime
     * @return the body
     */
    public static SystemInfo toSystemInfo(SystemFacts facts, List<Container> containers,
                                          GetStorageInfoResponse storage, Instant now, DaemonSettings settings) {
        int running = 0;
        int paused = 0;
        for (Container c : containers) {
            if (c.getState().getPaused()) {
                paused++;
            } else if (c.getState().getRunning()) {
                running++;
            }
        }
        List<List<String>> driverStatus = new ArrayList<>();
        for (DriverStatus s : storage.getDriverStatusList()) {
            driverStatus.add(List.of(s.getKey(), s.getValue()));
        }
        CgroupSupport cg = facts.cgroups();
        String id = DaemonId.of(facts.hostname(), storage.getDataRoot());
        return new SystemInfo(id, containers.size(), running, paused, containers.size() - running - paused,
                // vfs has no status: Go's nil slice, "DriverStatus":null as dockerd 20.10 sends it
                storage.getImages(), storage.getDriver(), driverStatus.isEmpty() ? null : driverStatus,
                new PluginsInfo(List.of(), List.of("null"), null, LogDrivers.AVAILABLE),
                cg.memoryLimit(), cg.swapLimit(), cg.kernelMemory(), cg.kernelMemoryTcp(), cg.cpuCfs(), cg.cpuCfs(),
                cg.cpuShares(), cg.cpuSet(), cg.pidsLimit(),
                facts.sysctls().ipv4Forwarding(), facts.sysctls().bridgeNfIptables(),
                facts.sysctls().bridgeNfIp6tables(), cg.oomKillDisable(),
                facts.debug(), facts.openFileDescriptors(), facts.threads(), DockerTime.rfc3339Nano(now),
                facts.loggingDriver(), "cgroupfs", facts.cgroupVersion(), facts.eventsListeners(),
                facts.kernelVersion(), facts.operatingSystem(), "", "linux", facts.machine(),
                "https://index.docker.io/v1/", registryConfig(settings), facts.ncpu(), facts.memTotalBytes(), null,
                storage.getDataRoot(), "", "", "", facts.hostname(), settings.labels(), false, BuildInfo.VERSION,
                Map.of("runc", new SystemInfo.Runtime("runc")), settings.defaultRuntime(), SwarmInfo.inactive(),
                settings.liveRestore(), "", "",
                Commit.unknown(), Commit.unknown(), Commit.unknown(), List.of(),
                warnings(facts, cg, storage.getDriver(), driverStatus));
    }

    /** dockerd's order: the API's listeners first (fillAPIInfo), then the platform's and the driver's. */
    private static List<String> warnings(SystemFacts facts, CgroupSupport cg, String driver,
                                         List<List<String>> driverStatus) {
        List<String> w = new ArrayList<>(facts.apiWarnings());
        w.addAll(InfoWarnings.of(facts.cgroupVersion(), cg, facts.sysctls(), driver, driverStatus));
        return w;
    }

    /**
     * dockerd's registry service config (moby registry/config.go {@code newServiceConfig}): insecure registries that
     * are CIDRs go into InsecureRegistryCIDRs before the loopback 127.0.0.0/8, host names get an insecure
     * IndexConfigs entry of their own; the mirrors are docker.io's.
     */
    static RegistryServiceConfig registryConfig(DaemonSettings settings) {
        List<String> cidrs = new ArrayList<>();
        Map<String, IndexInfo> indexes = new java.util.TreeMap<>();
        for (String r : settings.insecureRegistries()) {
            if (isCidr(r)) {
                if (!cidrs.contains(r)) {
                    cidrs.add(r);
                }
            } else {
                indexes.put(r, new IndexInfo(r, List.of(), false, false));
            }
        }
        if (!cidrs.contains("127.0.0.0/8")) {
            cidrs.add("127.0.0.0/8");
        }
        indexes.put("docker.io", new IndexInfo("docker.io", settings.registryMirrors(), true, true));
        return new RegistryServiceConfig(List.of(), List.of(), cidrs, indexes, settings.registryMirrors());
    }

    private static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        try {
            int bits = Integer.parseInt(s.substring(slash + 1));
            boolean v4 = ip.matches("[0-9.]+");
            return bits >= 0 && bits <= (v4 ? 32 : 128) && (v4 || ip.contains(":"))
                    && java.net.InetAddress.getByName(ip) != null;
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            return false;
        }
    }
}
