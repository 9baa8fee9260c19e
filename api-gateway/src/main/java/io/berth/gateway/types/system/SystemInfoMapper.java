package io.berth.gateway.types.system;

import io.berth.common.logs.LogDrivers;
import io.berth.common.time.DockerTime;
import io.berth.gateway.BuildInfo;
import io.berth.common.cgroup.CgroupSupport;
import io.berth.gateway.host.SystemFacts;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        String id = UUID.nameUUIDFromBytes((facts.hostname() + ":" + storage.getDataRoot())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new SystemInfo(id, containers.size(), running, paused, containers.size() - running - paused,
                storage.getImages(), storage.getDriver(), driverStatus,
                new PluginsInfo(List.of(), List.of("null"), null, LogDrivers.AVAILABLE),
                cg.memoryLimit(), cg.swapLimit(), cg.kernelMemory(), cg.kernelMemoryTcp(), cg.cpuCfs(), cg.cpuCfs(),
                cg.cpuShares(), cg.cpuSet(), cg.pidsLimit(),
                facts.sysctls().ipv4Forwarding(), facts.sysctls().bridgeNfIptables(),
                facts.sysctls().bridgeNfIp6tables(), cg.oomKillDisable(),
                facts.debug(), facts.openFileDescriptors(), facts.threads(), DockerTime.rfc3339Nano(now),
                facts.loggingDriver(), "cgroupfs", facts.cgroupVersion(), facts.eventsListeners(),
                facts.kernelVersion(), facts.operatingSystem(), "", "linux", facts.machine(),
                "https://index.docker.io/v1/", registryConfig(), facts.ncpu(), facts.memTotalBytes(), null,
                storage.getDataRoot(), "", "", "", facts.hostname(), List.of(), false, BuildInfo.VERSION,
                Map.of("runc", new SystemInfo.Runtime("runc")), "runc", SwarmInfo.inactive(), false, "", "",
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

    private static RegistryServiceConfig registryConfig() {
        return new RegistryServiceConfig(List.of(), List.of(), List.of("127.0.0.0/8"),
                Map.of("docker.io", new IndexInfo("docker.io", List.of(), true, true)), List.of());
    }
}
