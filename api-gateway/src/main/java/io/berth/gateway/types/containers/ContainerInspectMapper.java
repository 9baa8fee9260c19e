package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.time.DockerTime;
import io.berth.gateway.types.GraphDriverData;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.types.v1.StringList;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps the engine's {@link Container} to the {@link ContainerInspect} of Docker Engine API 1.41
 * {@code GET /containers/{id}/json}: its State, HostConfig (the engine's host config plus dockerd's
 * defaults for what berth does not implement), top-level Mounts, Config and NetworkSettings.
 */
public final class ContainerInspectMapper {
    /** dockerd's default /dev/shm size, 64 MiB. */
    static final long SHM_SIZE = 67108864L;

    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");

    private ContainerInspectMapper() {
    }

    /**
     * @param c the container
     * @param sizeRw size of the writable layer in bytes, or a negative number to leave SizeRw out
     * @return the inspect body
     */
    public static ContainerInspect of(Container c, long sizeRw) {
        return of(c, sizeRw, List.of());
    }

    /**
     * @param c the container
     * @param sizeRw size of the writable layer in bytes, or a negative number to leave SizeRw out
     * @param execIds the container's created or running execs (ExecIDs; null in the JSON when there are none,
     *     as dockerd's nil slice)
     * @return the inspect body
     */
    public static ContainerInspect of(Container c, long sizeRw, List<String> execIds) {
        return of(c, sizeRw, -1, execIds);
    }

    /**
     * @param c the container
     * @param sizeRw size of the writable layer in bytes, or a negative number to leave SizeRw out
     * @param sizeRootFs SizeRw plus the image's size in bytes, or a negative number to leave SizeRootFs out
     * @param execIds the container's created or running execs (ExecIDs; null in the JSON when there are none,
     *     as dockerd's nil slice)
     * @return the inspect body (Engine API 1.41 {@code GET /containers/{id}/json})
     */
    public static ContainerInspect of(Container c, long sizeRw, long sizeRootFs, List<String> execIds) {
        return new ContainerInspect(c.getId(), DockerTime.rfc3339Nano(c.getCreated()), c.getPath(),
                List.copyOf(c.getArgsList()), state(c.getState()), c.getImageId(), c.getResolvConfPath(),
                c.getHostnamePath(), c.getHostsPath(), c.getLogPath(), name(c), c.getRestartCount(), c.getDriver(),
                c.getPlatform().isEmpty() ? "linux" : c.getPlatform(), "", "", "",
                execIds.isEmpty() ? null : List.copyOf(execIds),
                hostConfig(c.getHostConfig()), GraphDriverData.of(c.getDriver(), c.getDriverDataMap()),
                sizeRw >= 0 ? sizeRw : null, sizeRootFs >= 0 ? sizeRootFs : null, mountPoints(c), config(c.getConfig()),
                NetworkSettings.of(c.getNetworkSettings(),
                        PortMaps.portMap(c.getNetworkSettings().getPortsMap())));
    }

    /**
     * @param s the engine's state
     * @return Docker's ContainerState; unset times are Go's zero time
     */
    public static ContainerState state(io.berth.proto.engine.v1.ContainerState s) {
        return new ContainerState(s.getStatus(), s.getRunning(), s.getPaused(), s.getRestarting(), s.getOomKilled(),
                s.getDead(), s.getPid(), s.getExitCode(), s.getError(),
                s.hasStartedAt() ? DockerTime.rfc3339Nano(s.getStartedAt()) : DockerTime.ZERO,
                s.hasFinishedAt() ? DockerTime.rfc3339Nano(s.getFinishedAt()) : DockerTime.ZERO,
                s.hasHealth() ? health(s.getHealth()) : null);
    }

    private static ContainerState.Health health(io.berth.proto.engine.v1.Health h) {
        return new ContainerState.Health(h.getStatus(), h.getFailingStreak(), h.getLogList().stream()
                .map(r -> new ContainerState.Result(DockerTime.rfc3339Nano(r.getStart()),
                        DockerTime.rfc3339Nano(r.getEnd()), r.getExitCode(), r.getOutput())).toList());
    }

    /**
     * @param h the engine's healthcheck
     * @return Docker's HealthConfig JSON: Test, then the non-zero durations and retries (Go's omitempty)
     */
    static ObjectNode healthcheck(io.berth.proto.engine.v1.Healthcheck h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (h.getTestCount() > 0) {
            h.getTestList().forEach(n.putArray("Test")::add);
        }
        if (h.getIntervalNanos() != 0) {
            n.put("Interval", h.getIntervalNanos());
        }
        if (h.getTimeoutNanos() != 0) {
            n.put("Timeout", h.getTimeoutNanos());
        }
        if (h.getStartPeriodNanos() != 0) {
            n.put("StartPeriod", h.getStartPeriodNanos());
        }
        if (h.getRetries() != 0) {
            n.put("Retries", h.getRetries());
        }
        return n;
    }

    /**
     * @param c the container's config as the engine keeps it (merged with the image's)
     * @return Docker's Config: unset Env, Cmd, Entrypoint, Volumes and OnBuild are null
     */
    public static ContainerConfig config(io.berth.proto.engine.v1.ContainerConfig c) {
        return new ContainerConfig(c.getHostname(), c.getDomainname(), c.getUser(), c.getAttachStdin(),
                c.getAttachStdout(), c.getAttachStderr(), keys(c.getExposedPortsList()), c.getTty(),
                c.getOpenStdin(), c.getStdinOnce(), orNull(c.getEnvList()), c.hasCmd() ? values(c.getCmd()) : null,
                c.hasHealthcheck() ? healthcheck(c.getHealthcheck()) : null, null, c.getImage(), keys(c.getVolumesList()), c.getWorkingDir(),
                c.hasEntrypoint() && c.getEntrypoint().getValuesCount() > 0 ? values(c.getEntrypoint()) : null,
                c.getNetworkDisabled() ? true : null, c.getMacAddress().isEmpty() ? null : c.getMacAddress(),
                orNull(c.getOnBuildList()), new TreeMap<>(c.getLabelsMap()),
                c.getStopSignal().isEmpty() ? null : c.getStopSignal(), c.hasStopTimeout() ? c.getStopTimeout() : null,
                null);
    }

    /**
     * @param h the engine's host config
     * @return Docker's HostConfig with dockerd's defaults for what berth does not implement
     */
    public static HostConfig hostConfig(io.berth.proto.engine.v1.HostConfig h) {
        return new HostConfig(orNull(h.getBindsList()), "",
                new HostConfig.LogConfig(h.getLogDriver().isEmpty() ? "json-file" : h.getLogDriver(),
                        new TreeMap<>(h.getLogOptionsMap())),
                networkMode(h), PortMaps.portMap(h.getPortBindingsMap()),
                new HostConfig.RestartPolicy(h.getRestartPolicy().isEmpty() ? "no" : h.getRestartPolicy(),
                        h.getRestartMaxRetries()),
                h.getAutoRemove(), "", null, orNull(h.getCapAddList()), orNull(h.getCapDropList()), "host",
                List.copyOf(h.getDnsList()), List.copyOf(h.getDnsOptionsList()), List.copyOf(h.getDnsSearchList()),
                orNull(h.getExtraHostsList()), orNull(h.getGroupAddList()), ipcMode(h), "", orNull(h.getLinksList()),
                h.getOomScoreAdj(), h.getPidMode(), h.getPrivileged(), h.getPublishAllPorts(), h.getReadonlyRootfs(),
                orNull(h.getSecurityOptList()), h.getTmpfsCount() > 0 ? new TreeMap<>(h.getTmpfsMap()) : null,
                h.getUtsMode(), "", h.getShmSize() > 0 ? h.getShmSize() : SHM_SIZE,
                h.getRuntime().isEmpty() ? "runc" : h.getRuntime(), consoleSize(h), "",
                h.getCpuShares(), h.getMemoryBytes(), h.getNanoCpus(), h.getCgroupParent(), h.getBlkioWeight(),
                weightDevices(h), throttles(h.getBlkioDeviceReadBpsList()), throttles(h.getBlkioDeviceWriteBpsList()),
                throttles(h.getBlkioDeviceReadIopsList()), throttles(h.getBlkioDeviceWriteIopsList()),
                h.getCpuPeriod(), h.getCpuQuota(), h.getCpuRealtimePeriod(), h.getCpuRealtimeRuntime(),
                h.getCpusetCpus(), h.getCpusetMems(), devices(h), orNull(h.getDeviceCgroupRulesList()), null,
                h.getKernelMemory(), 0, h.getMemoryReservation(), h.getMemorySwap(),
                h.hasMemorySwappiness() ? h.getMemorySwappiness() : null, h.getOomKillDisable(),
                h.getPidsLimit() > 0 ? h.getPidsLimit() : null,
                h.getUlimitsCount() == 0 ? null : h.getUlimitsList().stream()
                        .map(u -> new HostConfig.Ulimit(u.getName(), u.getHard(), u.getSoft())).toList(),
                0, 0, 0, 0,
                h.getMountsCount() == 0 ? null
                        : h.getMountsList().stream().map(ContainerInspectMapper::mount).toList(),
                h.getSysctlsCount() > 0 ? new TreeMap<>(h.getSysctlsMap()) : null, h.hasInit() ? h.getInit() : null);
    }

    /**
     * @return ConsoleSize [height, width] as the client sent it (dockerd 20.10 keeps the HostConfig as sent),
     *         [0, 0] when it sent none; Go's uint, so shown unsigned
     */
    private static List<BigInteger> consoleSize(io.berth.proto.engine.v1.HostConfig h) {
        if (h.getConsoleSizeCount() != 2) {
            return List.of(BigInteger.ZERO, BigInteger.ZERO);
        }
        return h.getConsoleSizeList().stream().map(v -> new BigInteger(Long.toUnsignedString(v))).toList();
    }

    /** @return IpcMode as dockerd shows it: "private" when none was given (dockerd 20.10's default) */
    private static String ipcMode(io.berth.proto.engine.v1.HostConfig h) {
        return h.getIpcMode().isEmpty() ? "private" : h.getIpcMode();
    }

    /** @return BlkioWeightDevice entries {Path, Weight}, null when there are none */
    private static List<Object> weightDevices(io.berth.proto.engine.v1.HostConfig h) {
        return h.getBlkioWeightDeviceCount() == 0 ? null : h.getBlkioWeightDeviceList().stream()
                .map(d -> (Object) entry("Path", d.getPath(), "Weight", d.getWeight())).toList();
    }

    /** @return Blkio*Device entries {Path, Rate} (Rate as Go's uint64), null when there are none */
    private static List<Object> throttles(List<io.berth.proto.engine.v1.HostConfig.ThrottleDevice> l) {
        return l.isEmpty() ? null : l.stream().map(d -> (Object) entry("Path", d.getPath(), "Rate",
                new java.math.BigInteger(Long.toUnsignedString(d.getRate())))).toList();
    }

    /** @return Devices entries {PathOnHost, PathInContainer, CgroupPermissions} ([] when there are none) */
    private static List<Object> devices(io.berth.proto.engine.v1.HostConfig h) {
        return h.getDevicesList().stream().map(d -> {
            Map<String, Object> m = entry("PathOnHost", d.getPathOnHost(), "PathInContainer",
                    d.getPathInContainer());
            m.put("CgroupPermissions", d.getCgroupPermissions());
            return (Object) m;
        }).toList();
    }

    private static Map<String, Object> entry(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /**
     * The top-level Mounts: one entry per volume mount point the engine resolved (Type volume, Name, the
     * volume's Mountpoint as Source, Driver, Mode, RW, Propagation ""; binds inherited with VolumesFrom as
     * Type bind), per host-path bind of Binds ({@code Mode} as given, {@code RW}, {@code Propagation}) and per
     * Mount of type bind or tmpfs, as dockerd lists them. Tmpfs ({@code --tmpfs})
     * entries are not listed, as in dockerd. The engine has checked every entry at create, so the splitting
     * here is only for display.
     *
     * @param c the container
     * @return the mount points ([] when there are none)
     */
    public static List<MountPoint> mountPoints(Container c) {
        io.berth.proto.engine.v1.HostConfig h = c.getHostConfig();
        List<MountPoint> out = new ArrayList<>();
        for (io.berth.proto.engine.v1.VolumeMount v : c.getVolumeMountsList()) {
            boolean volume = v.getType().isEmpty() || v.getType().equals("volume");
            out.add(new MountPoint(volume ? "volume" : v.getType(), v.getName(), v.getSource(), v.getDestination(),
                    v.getDriver(), v.getMode(), v.getRw(), v.getPropagation()));
        }
        for (String raw : h.getBindsList()) {
            String[] parts = raw.split(":", 3);
            if (parts.length < 2 || !parts[0].startsWith("/")) {
                continue;
            }
            String mode = parts.length == 3 ? parts[2] : "";
            List<String> opts = List.of(mode.split(","));
            String propagation = opts.stream().filter(PROPAGATIONS::contains).findFirst().orElse("rprivate");
            out.add(new MountPoint("bind", null, parts[0], Path.of(parts[1]).normalize().toString(), null, mode,
                    !opts.contains("ro"), propagation));
        }
        for (io.berth.proto.engine.v1.HostConfig.Mount m : h.getMountsList()) {
            if (m.getType().equals("bind")) {
                out.add(new MountPoint("bind", null, m.getSource(), m.getTarget(), null, "", !m.getReadOnly(),
                        m.getPropagation().isEmpty() ? "rprivate" : m.getPropagation()));
            } else if (m.getType().equals("tmpfs")) {
                out.add(new MountPoint("tmpfs", null, "", m.getTarget(), null, "", !m.getReadOnly(), ""));
            }
        }
        return out;
    }

    /** @return the container's name with the leading slash ("/web") */
    static String name(Container c) {
        return c.getName().startsWith("/") ? c.getName() : "/" + c.getName();
    }

    /** @return the network mode, "default" when unset */
    static String networkMode(io.berth.proto.engine.v1.HostConfig h) {
        return h.getNetworkMode().isEmpty() ? "default" : h.getNetworkMode();
    }

    /** @return Docker's Mount: Type, Source, Target, ReadOnly, BindOptions and TmpfsOptions when set */
    private static HostConfig.Mount mount(io.berth.proto.engine.v1.HostConfig.Mount m) {
        boolean bind = !m.getPropagation().isEmpty() || m.getNonRecursive();
        boolean tmpfs = m.getTmpfsSizeBytes() != 0 || m.getTmpfsMode() != 0;
        return new HostConfig.Mount(m.getType(), m.getSource().isEmpty() ? null : m.getSource(), m.getTarget(),
                m.getReadOnly() ? true : null,
                bind ? new HostConfig.BindOptions(m.getPropagation().isEmpty() ? null : m.getPropagation(),
                        m.getNonRecursive() ? true : null) : null,
                tmpfs ? new HostConfig.TmpfsOptions(m.getTmpfsSizeBytes() != 0 ? m.getTmpfsSizeBytes() : null,
                        m.getTmpfsMode() != 0 ? m.getTmpfsMode() : null) : null);
    }

    private static List<String> values(StringList l) {
        return List.copyOf(l.getValuesList());
    }

    /** @return the list, or null (Go's nil slice) when it is empty */
    private static List<String> orNull(List<String> l) {
        return l.isEmpty() ? null : List.copyOf(l);
    }

    /** @return a {@code map[string]struct{}} of the keys in order, or null when there are none */
    private static Map<String, Object> keys(List<String> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, Map.of()));
        return out;
    }
}
