package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.time.DockerTime;
import io.berth.gateway.types.GraphDriverData;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.types.v1.StringList;
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
        int pid = c.getState().getPid();
        return new ContainerInspect(c.getId(), DockerTime.rfc3339Nano(c.getCreated()), c.getPath(),
                List.copyOf(c.getArgsList()), state(c.getState()), c.getImageId(), c.getResolvConfPath(),
                c.getHostnamePath(), c.getHostsPath(), c.getLogPath(), name(c), c.getRestartCount(), c.getDriver(),
                c.getPlatform().isEmpty() ? "linux" : c.getPlatform(), "", "", "",
                execIds.isEmpty() ? null : List.copyOf(execIds),
                hostConfig(c.getHostConfig()), GraphDriverData.of(c.getDriver(), c.getDriverDataMap()),
                sizeRw >= 0 ? sizeRw : null, mountPoints(c.getHostConfig()), config(c.getConfig()),
                NetworkSettings.loopbackOnly(pid > 0 ? "/proc/" + pid + "/ns/net" : ""));
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
     * @return Docker's Config: unset Env, Cmd, Entrypoint and Volumes are null, OnBuild is null
     */
    public static ContainerConfig config(io.berth.proto.engine.v1.ContainerConfig c) {
        return new ContainerConfig(c.getHostname(), c.getDomainname(), c.getUser(), c.getAttachStdin(),
                c.getAttachStdout(), c.getAttachStderr(), keys(c.getExposedPortsList()), c.getTty(),
                c.getOpenStdin(), c.getStdinOnce(), orNull(c.getEnvList()), c.hasCmd() ? values(c.getCmd()) : null,
                c.hasHealthcheck() ? healthcheck(c.getHealthcheck()) : null, null, c.getImage(), keys(c.getVolumesList()), c.getWorkingDir(),
                c.hasEntrypoint() && c.getEntrypoint().getValuesCount() > 0 ? values(c.getEntrypoint()) : null,
                c.getNetworkDisabled() ? true : null, null, null, new TreeMap<>(c.getLabelsMap()),
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
                networkMode(h), Map.of(),
                new HostConfig.RestartPolicy(h.getRestartPolicy().isEmpty() ? "no" : h.getRestartPolicy(),
                        h.getRestartMaxRetries()),
                h.getAutoRemove(), "", null, orNull(h.getCapAddList()), orNull(h.getCapDropList()), "host",
                List.copyOf(h.getDnsList()), List.copyOf(h.getDnsOptionsList()), List.copyOf(h.getDnsSearchList()),
                orNull(h.getExtraHostsList()), null, "private", "", null, 0, "", h.getPrivileged(), false,
                h.getReadonlyRootfs(), null, h.getTmpfsCount() > 0 ? new TreeMap<>(h.getTmpfsMap()) : null, "", "",
                SHM_SIZE, "runc", List.of(0, 0), "",
                h.getCpuShares(), h.getMemoryBytes(), h.getNanoCpus(), "", 0, null, null, null, null, null,
                h.getCpuPeriod(), h.getCpuQuota(), 0, 0, h.getCpusetCpus(), h.getCpusetMems(), List.of(), null, null,
                0, 0, 0, 0, null, false, h.getPidsLimit() > 0 ? h.getPidsLimit() : null,
                h.getUlimitsCount() == 0 ? null : h.getUlimitsList().stream()
                        .map(u -> new HostConfig.Ulimit(u.getName(), u.getHard(), u.getSoft())).toList(),
                0, 0, 0, 0,
                h.getMountsCount() == 0 ? null
                        : h.getMountsList().stream().map(ContainerInspectMapper::mount).toList());
    }

    /**
     * The top-level Mounts: one entry per bind of Binds ({@code Mode} as given, {@code RW},
     * {@code Propagation}) and per Mount of type bind or tmpfs, as dockerd lists them. Tmpfs ({@code --tmpfs})
     * entries are not listed, as in dockerd. The engine has checked every entry at create, so the splitting
     * here is only for display.
     *
     * @param h the container's host config
     * @return the mount points ([] when there are none)
     */
    public static List<MountPoint> mountPoints(io.berth.proto.engine.v1.HostConfig h) {
        List<MountPoint> out = new ArrayList<>();
        for (String raw : h.getBindsList()) {
            String[] parts = raw.split(":", 3);
            if (parts.length < 2) {
                continue;
            }
            String mode = parts.length == 3 ? parts[2] : "";
            List<String> opts = List.of(mode.split(","));
            String propagation = opts.stream().filter(PROPAGATIONS::contains).findFirst().orElse("rprivate");
            out.add(new MountPoint("bind", parts[0], Path.of(parts[1]).normalize().toString(), mode,
                    !opts.contains("ro"), propagation));
        }
        for (io.berth.proto.engine.v1.HostConfig.Mount m : h.getMountsList()) {
            if (m.getType().equals("bind")) {
                out.add(new MountPoint("bind", m.getSource(), m.getTarget(), "", !m.getReadOnly(),
                        m.getPropagation().isEmpty() ? "rprivate" : m.getPropagation()));
            } else if (m.getType().equals("tmpfs")) {
                out.add(new MountPoint("tmpfs", "", m.getTarget(), "", !m.getReadOnly(), ""));
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
