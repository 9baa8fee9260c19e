package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.Healthcheck;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import io.berth.proto.types.v1.StringList;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where the JSON of Docker Engine API 1.41 {@code POST /containers/create?name=} becomes the
 * engine's {@link CreateContainerRequest}: the body is bound to {@link ContainerCreateRequest} with
 * dockerd's tolerance ({@link DockerJsonBinder}), what berth does not implement is refused
 * ({@link HostConfigRefusals}), and the rest is copied field by field into {@link ContainerConfig} and
 * {@link HostConfig}. All three client styles decode alike: the CLI's every-field-zero body, docker-py's
 * minimal one and docker-java's all-null one.
 *
 * <p>Adding a HostConfig field on the gateway side: one component in {@link ContainerCreateRequest.HostConfig}
 * and one line in {@link #hostConfig}; a field berth refuses instead: one component and one row of
 * {@link HostConfigRefusals#TABLE}.
 */
public final class ContainerCreateBinding {
    private static final ContainerCreateRequest.RestartPolicy NO_RESTART_POLICY =
            new ContainerCreateRequest.RestartPolicy(null, 0);
    private static final ContainerCreateRequest.LogConfig NO_LOG_CONFIG =
            new ContainerCreateRequest.LogConfig(null, null);

    private ContainerCreateBinding() {
    }

    /**
     * @param name the {@code name} query parameter ("" for a generated name)
     * @param body the parsed request body
     * @return the engine request
     * @throws InvalidArgumentException (400) for an empty body or a field of the wrong type
     * @throws io.berth.common.errors.NotImplementedException (501) for a HostConfig option berth does not
     *     implement ({@link HostConfigRefusals})
     */
    public static CreateContainerRequest bind(String name, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidArgumentException("config cannot be empty in order to create a container");
        }
        if (!body.isObject()) {
            throw new InvalidArgumentException("invalid JSON in request body: expected a JSON object");
        }
        ContainerCreateRequest r = DockerJsonBinder.bind(body, ContainerCreateRequest.class);
        ContainerCreateRequest.HostConfig h = r.hostConfig() != null ? r.hostConfig()
                : DockerJsonBinder.bind(Json.MAPPER.createObjectNode(), ContainerCreateRequest.HostConfig.class);
        HostConfigRefusals.check(h);
        return CreateContainerRequest.newBuilder()
                .setName(name == null ? "" : name)
                .setConfig(config(r))
                .setHostConfig(hostConfig(h))
                .putAllEndpointsConfig(NetworkingConfig.endpoints(body))
                .build();
    }

    /**
     * {@code Cmd}/{@code Entrypoint} follow dockerd's merge rule: a null or empty Cmd means "the image's"; a
     * null Entrypoint means "the image's", an empty one or {@code [""]} means "none".
     */
    static ContainerConfig config(ContainerCreateRequest r) {
        ContainerConfig.Builder c = ContainerConfig.newBuilder()
                .setHostname(text(r.hostname()))
                .setDomainname(text(r.domainname()))
                .setUser(text(r.user()))
                .setAttachStdin(r.attachStdin())
                .setAttachStdout(r.attachStdout())
                .setAttachStderr(r.attachStderr())
                .setTty(r.tty())
                .setOpenStdin(r.openStdin())
                .setStdinOnce(r.stdinOnce())
                .setImage(text(r.image()))
                .setWorkingDir(text(r.workingDir()))
                .setStopSignal(text(r.stopSignal()))
                .setNetworkDisabled(r.networkDisabled())
                .setMacAddress(text(r.macAddress()))
                .putAllLabels(map(r.labels()))
                .addAllExposedPorts(keys(r.exposedPorts()))
                .addAllVolumes(keys(r.volumes()))
                .addAllEnv(list(r.env()))
                .addAllOnBuild(list(r.onBuild()));
        if (r.cmd() != null && !r.cmd().isEmpty()) {
            c.setCmd(StringList.newBuilder().addAllValues(r.cmd()));
        }
        List<String> entrypoint = r.entrypoint();
        if (entrypoint != null) {
            boolean none = entrypoint.isEmpty() || entrypoint.size() == 1 && entrypoint.get(0).isEmpty();
            c.setEntrypoint(none ? StringList.getDefaultInstance()
                    : StringList.newBuilder().addAllValues(entrypoint).build());
        }
        if (r.stopTimeout() != null) {
            c.setStopTimeout(r.stopTimeout());
        }
        if (r.healthcheck() != null) {
            ContainerCreateRequest.HealthConfig h = r.healthcheck();
            c.setHealthcheck(Healthcheck.newBuilder().addAllTest(list(h.test()))
                    .setIntervalNanos(h.interval() == null ? 0 : h.interval())
                    .setTimeoutNanos(h.timeout() == null ? 0 : h.timeout())
                    .setStartPeriodNanos(h.startPeriod() == null ? 0 : h.startPeriod())
                    .setRetries(h.retries() == null ? 0 : h.retries()));
        }
        return c.build();
    }

    /** The HostConfig fields berth implements, one line each; null and missing mean the zero value. */
    /**
     * @param links HostConfig.Links as sent (null, JSON null or an array of "name[:alias]")
     * @return the links
     * @throws InvalidArgumentException for another JSON type (Go's decoder refuses it)
     */
    static List<String> links(JsonNode links) {
        List<String> out = new ArrayList<>();
        if (links == null || links.isNull()) {
            return out;
        }
        if (!links.isArray()) {
            throw new InvalidArgumentException("invalid JSON in request body: HostConfig.Links must be an array of"
                    + " strings, got " + links.getNodeType().toString().toLowerCase());
        }
        for (JsonNode l : links) {
            if (!l.isTextual()) {
                throw new InvalidArgumentException("invalid JSON in request body: HostConfig.Links must be an array"
                        + " of strings");
            }
            out.add(l.asText());
        }
        return out;
    }

    static HostConfig hostConfig(ContainerCreateRequest.HostConfig h) {
        ContainerCreateRequest.RestartPolicy restart = h.restartPolicy() != null ? h.restartPolicy()
                : NO_RESTART_POLICY;
        ContainerCreateRequest.LogConfig log = h.logConfig() != null ? h.logConfig() : NO_LOG_CONFIG;
        HostConfig.Builder hc = HostConfig.newBuilder()
                .setAutoRemove(h.autoRemove())
                .setNetworkMode(text(h.networkMode()))
                .setRestartPolicy(text(restart.name()))
                .setRestartMaxRetries(restart.maximumRetryCount())
                .setLogDriver(text(log.type()))
                .putAllLogOptions(map(log.config()))
                .setMemoryBytes(h.memory())
                .setCpuShares(h.cpuShares())
                .setPidsLimit(Math.max(0, h.pidsLimit()))
                .setPrivileged(h.privileged())
                .setReadonlyRootfs(h.readonlyRootfs())
                .setNanoCpus(h.nanoCpus())
                .setCpuQuota(h.cpuQuota())
                .setCpuPeriod(h.cpuPeriod())
                .setCpusetCpus(text(h.cpusetCpus()))
                .setCpusetMems(text(h.cpusetMems()))
                .putAllTmpfs(map(h.tmpfs()))
                .addAllBinds(list(h.binds()))
                .addAllCapAdd(list(h.capAdd()))
                .addAllCapDrop(list(h.capDrop()))
                .addAllDns(list(h.dns()))
                .addAllDnsSearch(list(h.dnsSearch()))
                .addAllDnsOptions(list(h.dnsOptions()))
                .addAllExtraHosts(list(h.extraHosts()))
                .addAllLinks(links(h.links()))
                .setMemorySwap(h.memorySwap())
                .setMemoryReservation(h.memoryReservation())
                .setKernelMemory(h.kernelMemory())
                .setOomKillDisable(Boolean.TRUE.equals(h.oomKillDisable()))
                .setOomScoreAdj(h.oomScoreAdj())
                .setCpuRealtimePeriod(h.cpuRealtimePeriod())
                .setCpuRealtimeRuntime(h.cpuRealtimeRuntime())
                .setBlkioWeight(h.blkioWeight())
                .addAllSecurityOpt(list(h.securityOpt()))
                .addAllDeviceCgroupRules(list(h.deviceCgroupRules()))
                .addAllGroupAdd(list(h.groupAdd()))
                .setShmSize(h.shmSize())
                .putAllSysctls(map(h.sysctls()))
                .setIpcMode(text(h.ipcMode()))
                .setPidMode(text(h.pidMode()))
                .setUtsMode(text(h.utsMode()))
                .setRuntime(text(h.runtime()))
                .setCgroupParent(text(h.cgroupParent()))
                .addAllVolumesFrom(strings(h.volumesFrom()));
        consoleSize(h.consoleSize()).forEach(hc::addConsoleSize);
        if (h.init() != null) {
            hc.setInit(h.init());
        }
        if (h.memorySwappiness() != null && h.memorySwappiness() != -1) {
            hc.setMemorySwappiness(h.memorySwappiness());
        }
        list(h.blkioWeightDevice()).forEach(d -> hc.addBlkioWeightDevice(HostConfig.WeightDevice.newBuilder()
                .setPath(text(d.path())).setWeight(d.weight())));
        list(h.blkioDeviceReadBps()).forEach(d -> hc.addBlkioDeviceReadBps(throttle(d)));
        list(h.blkioDeviceWriteBps()).forEach(d -> hc.addBlkioDeviceWriteBps(throttle(d)));
        list(h.blkioDeviceReadIOps()).forEach(d -> hc.addBlkioDeviceReadIops(throttle(d)));
        list(h.blkioDeviceWriteIOps()).forEach(d -> hc.addBlkioDeviceWriteIops(throttle(d)));
        list(h.devices()).forEach(d -> hc.addDevices(HostConfig.DeviceMapping.newBuilder()
                .setPathOnHost(text(d.pathOnHost())).setPathInContainer(text(d.pathInContainer()))
                .setCgroupPermissions(text(d.cgroupPermissions()))));
        list(h.mounts()).forEach(m -> hc.addMounts(mount(m)));
        list(h.ulimits()).forEach(u -> hc.addUlimits(HostConfig.Ulimit.newBuilder().setName(text(u.name()))
                .setSoft(u.soft()).setHard(u.hard())));
        hc.setPublishAllPorts(h.publishAllPorts()).putAllPortBindings(portBindings(h.portBindings()));
        return hc.build();
    }

    /**
     * @param size ConsoleSize as sent (null: not sent)
     * @return [height, width] as Go's {@code [2]uint} decodes it (entries past the second ignored, a missing
     *         one 0, JSON null 0), as unsigned 64-bit longs; empty when not sent
     */
    static List<Long> consoleSize(List<BigInteger> size) {
        if (size == null) {
            return List.of();
        }
        long[] hw = new long[2];
        for (int i = 0; i < Math.min(2, size.size()); i++) {
            hw[i] = size.get(i) == null ? 0 : size.get(i).longValue();
        }
        return List.of(hw[0], hw[1]);
    }

    /** One Docker Mount: Type, Source, Target, ReadOnly, BindOptions {Propagation, NonRecursive}, TmpfsOptions. */
    private static HostConfig.Mount mount(ContainerCreateRequest.Mount m) {
        HostConfig.Mount.Builder b = HostConfig.Mount.newBuilder().setType(text(m.type()))
                .setSource(text(m.source())).setTarget(text(m.target())).setReadOnly(m.readOnly());
        if (m.bindOptions() != null) {
            b.setPropagation(text(m.bindOptions().propagation())).setNonRecursive(m.bindOptions().nonRecursive());
        }
        if (m.tmpfsOptions() != null) {
            b.setTmpfsSizeBytes(m.tmpfsOptions().sizeBytes()).setTmpfsMode(m.tmpfsOptions().mode());
        }
        if (m.volumeOptions() != null) {
            ContainerCreateRequest.VolumeOptions v = m.volumeOptions();
            b.setVolumeNoCopy(v.noCopy()).putAllVolumeLabels(map(v.labels()));
            if (v.driverConfig() != null) {
                b.setVolumeDriver(text(v.driverConfig().name())).putAllVolumeDriverOptions(map(v.driverConfig().options()));
            }
        }
        return b.build();
    }

    /**
     * Docker's PortMap as the client sent it: every key (even one with a null or empty list, which publishes
     * nothing) and each binding's HostIp and HostPort as given; the engine checks them.
     */
    private static Map<String, PortBindings> portBindings(Map<String, List<ContainerCreateRequest.PortBinding>> m) {
        Map<String, PortBindings> out = new java.util.LinkedHashMap<>();
        map(m).forEach((port, bindings) -> {
            PortBindings.Builder b = PortBindings.newBuilder();
            list(bindings).forEach(pb -> b.addBindings(PortBinding.newBuilder().setHostIp(text(pb.hostIp()))
                    .setHostPort(text(pb.hostPort()))));
            out.put(port, b.build());
        });
        return out;
    }

    /** @return the throttle entry; the rate is Go's uint64, carried in the proto's uint64 bits */
    private static HostConfig.ThrottleDevice throttle(ContainerCreateRequest.ThrottleDevice d) {
        return HostConfig.ThrottleDevice.newBuilder().setPath(text(d.path()))
                .setRate(d.rate() == null ? 0 : d.rate().longValue()).build();
    }

    /** @return the strings of a JSON array (VolumesFrom), [] for null or another JSON type */
    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    /** @return the keys of a {@code map[string]struct{}} (ExposedPorts, Volumes), in order */
    private static List<String> keys(Map<String, Object> m) {
        return m == null ? List.of() : List.copyOf(m.keySet());
    }
}
