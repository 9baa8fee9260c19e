package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.berth.engine.container.ContainerConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.HostConfig;
import io.berth.engine.container.MountSpec;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogStream;
import io.berth.engine.service.CreateRequest;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates between berth.engine.v1 messages and the engine's domain records. */
public final class ProtoMapper {
    private ProtoMapper() {
    }

    /**
     * @param req a CreateContainer request
     * @return the domain request
     */
    public static CreateRequest toDomain(CreateContainerRequest req) {
        io.berth.proto.engine.v1.ContainerConfig c = req.getConfig();
        ContainerConfig cfg = new ContainerConfig(c.getHostname(), c.getDomainname(), c.getUser(),
                c.getAttachStdin(), c.getAttachStdout(), c.getAttachStderr(), c.getTty(), c.getOpenStdin(),
                c.getStdinOnce(), c.getEnvList(), c.hasCmd() ? c.getCmd().getValuesList() : null, c.getImage(),
                c.getWorkingDir(), c.hasEntrypoint() ? c.getEntrypoint().getValuesList() : null, c.getLabelsMap(),
                c.getStopSignal(), c.hasStopTimeout() ? c.getStopTimeout() : null, c.getExposedPortsList(),
                c.getVolumesList(), c.getNetworkDisabled());
        HostConfig hc = req.hasHostConfig() ? toDomain(req.getHostConfig()) : HostConfig.defaults();
        return new CreateRequest(req.getName(), cfg, hc);
    }

    private static HostConfig toDomain(io.berth.proto.engine.v1.HostConfig h) {
        return HostConfig.builder().autoRemove(h.getAutoRemove()).networkMode(h.getNetworkMode())
                .restartPolicy(h.getRestartPolicy()).restartMaxRetries(h.getRestartMaxRetries())
                .logDriver(h.getLogDriver()).logOptions(h.getLogOptionsMap()).memory(h.getMemoryBytes())
                .cpuShares(h.getCpuShares()).pidsLimit(h.getPidsLimit()).binds(h.getBindsList())
                .privileged(h.getPrivileged()).readonlyRootfs(h.getReadonlyRootfs())
                .mounts(h.getMountsList().stream().map(ProtoMapper::toDomain).toList()).tmpfs(h.getTmpfsMap())
                .capAdd(h.getCapAddList()).capDrop(h.getCapDropList()).nanoCpus(h.getNanoCpus())
                .cpuQuota(h.getCpuQuota()).cpuPeriod(h.getCpuPeriod()).cpusetCpus(h.getCpusetCpus())
                .cpusetMems(h.getCpusetMems())
                .ulimits(h.getUlimitsList().stream()
                        .map(u -> new HostConfig.Ulimit(u.getName(), u.getSoft(), u.getHard())).toList())
                .dns(h.getDnsList()).dnsSearch(h.getDnsSearchList()).dnsOptions(h.getDnsOptionsList())
                .extraHosts(h.getExtraHostsList()).build();
    }

    private static MountSpec toDomain(io.berth.proto.engine.v1.HostConfig.Mount m) {
        return new MountSpec(m.getType(), m.getSource(), m.getTarget(), m.getReadOnly(), m.getPropagation(),
                m.getNonRecursive(), m.getTmpfsSizeBytes(), m.getTmpfsMode());
    }

    /**
     * @param f Docker filters
     * @return key → values
     */
    public static Map<String, List<String>> toDomain(Filters f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        f.getFiltersMap().forEach((k, v) -> out.put(k, v.getValuesList()));
        return out;
    }

    /**
     * @param r a container record
     * @return the berth.engine.v1 Container
     */
    public static Container toProto(ContainerRecord r) {
        return Container.newBuilder().setId(r.id()).setName(r.name()).setCreated(ts(r.created()))
                .setPath(r.path()).addAllArgs(r.args()).setConfig(toProto(r.config()))
                .setHostConfig(toProto(r.hostConfig())).setState(toProto(r.state())).setImageId(r.image())
                .setLogPath(r.logPath()).setHostnamePath(r.hostnamePath()).setHostsPath(r.hostsPath())
                .setResolvConfPath(r.resolvConfPath()).setDriver(nz(r.driver())).putAllDriverData(r.driverData())
                .setRestartCount(r.restartCount()).setPlatform(r.platform()).build();
    }

    private static io.berth.proto.engine.v1.ContainerConfig toProto(ContainerConfig c) {
        var b = io.berth.proto.engine.v1.ContainerConfig.newBuilder().setHostname(c.hostname())
                .setDomainname(c.domainname()).setUser(c.user()).setAttachStdin(c.attachStdin())
                .setAttachStdout(c.attachStdout()).setAttachStderr(c.attachStderr()).setTty(c.tty())
                .setOpenStdin(c.openStdin()).setStdinOnce(c.stdinOnce()).addAllEnv(c.env()).setImage(c.image())
                .setWorkingDir(c.workingDir()).putAllLabels(c.labels()).setStopSignal(c.stopSignal())
                .addAllExposedPorts(c.exposedPorts()).addAllVolumes(c.volumes())
                .setNetworkDisabled(c.networkDisabled());
        if (c.cmd() != null) {
            b.setCmd(StringList.newBuilder().addAllValues(c.cmd()));
        }
        if (c.entrypoint() != null) {
            b.setEntrypoint(StringList.newBuilder().addAllValues(c.entrypoint()));
        }
        if (c.stopTimeout() != null) {
            b.setStopTimeout(c.stopTimeout());
        }
        return b.build();
    }

    private static io.berth.proto.engine.v1.HostConfig toProto(HostConfig h) {
        var b = io.berth.proto.engine.v1.HostConfig.newBuilder().setAutoRemove(h.autoRemove())
                .setNetworkMode(h.networkMode()).setRestartPolicy(h.restartPolicy())
                .setRestartMaxRetries(h.restartMaxRetries()).setLogDriver(h.logDriver())
                .putAllLogOptions(h.logOptions()).setMemoryBytes(h.memory()).setCpuShares(h.cpuShares())
                .setPidsLimit(h.pidsLimit()).addAllBinds(h.binds()).setPrivileged(h.privileged())
                .setReadonlyRootfs(h.readonlyRootfs()).putAllTmpfs(h.tmpfs()).addAllCapAdd(h.capAdd())
                .addAllCapDrop(h.capDrop()).setNanoCpus(h.nanoCpus()).setCpuQuota(h.cpuQuota())
                .setCpuPeriod(h.cpuPeriod()).setCpusetCpus(h.cpusetCpus()).setCpusetMems(h.cpusetMems())
                .addAllDns(h.dns()).addAllDnsSearch(h.dnsSearch()).addAllDnsOptions(h.dnsOptions())
                .addAllExtraHosts(h.extraHosts());
        for (MountSpec m : h.mounts()) {
            b.addMounts(io.berth.proto.engine.v1.HostConfig.Mount.newBuilder().setType(m.type())
                    .setSource(m.source()).setTarget(m.target()).setReadOnly(m.readOnly())
                    .setPropagation(m.propagation()).setNonRecursive(m.nonRecursive())
                    .setTmpfsSizeBytes(m.tmpfsSizeBytes()).setTmpfsMode(m.tmpfsMode()));
        }
        for (HostConfig.Ulimit u : h.ulimits()) {
            b.addUlimits(io.berth.proto.engine.v1.HostConfig.Ulimit.newBuilder().setName(u.name())
                    .setSoft(u.soft()).setHard(u.hard()));
        }
        return b.build();
    }

    private static io.berth.proto.engine.v1.ContainerState toProto(ContainerState s) {
        var b = io.berth.proto.engine.v1.ContainerState.newBuilder().setStatus(s.status()).setRunning(s.isRunning())
                .setPid(s.pid()).setExitCode(s.exitCode()).setError(s.error());
        if (s.startedAt() != null) {
            b.setStartedAt(ts(s.startedAt()));
        }
        if (s.finishedAt() != null) {
            b.setFinishedAt(ts(s.finishedAt()));
        }
        return b.build();
    }

    /**
     * @param s a log stream
     * @return the proto enum value
     */
    public static OutputStream toProto(LogStream s) {
        return s == LogStream.STDOUT ? OutputStream.OUTPUT_STREAM_STDOUT : OutputStream.OUTPUT_STREAM_STDERR;
    }

    /**
     * @param e a log entry
     * @return its bytes
     */
    public static ByteString data(LogEntry e) {
        return ByteString.copyFrom(e.data());
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
