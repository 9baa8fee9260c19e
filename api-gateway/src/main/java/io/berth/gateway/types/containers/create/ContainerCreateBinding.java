package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.Healthcheck;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.types.v1.StringList;
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
                .putAllLabels(map(r.labels()))
                .addAllExposedPorts(keys(r.exposedPorts()))
                .addAllVolumes(keys(r.volumes()))
                .addAllEnv(list(r.env()));
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
                .addAllExtraHosts(list(h.extraHosts()));
        list(h.mounts()).forEach(m -> hc.addMounts(mount(m)));
        list(h.ulimits()).forEach(u -> hc.addUlimits(HostConfig.Ulimit.newBuilder().setName(text(u.name()))
                .setSoft(u.soft()).setHard(u.hard())));
        return hc.build();
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
        return b.build();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    /** @return the keys of a {@code map[string]struct{}} (ExposedPorts, Volumes), in order */
    private static List<String> keys(Map<String, Object> m) {
        return m == null ? List.of() : List.copyOf(m.keySet());
    }
}
