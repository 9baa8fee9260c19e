package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.HealthState;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogStream;
import io.berth.engine.service.CreateRequest;
import io.berth.engine.container.VolumeMountPoint;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.VolumeMount;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.Health;
import io.berth.proto.engine.v1.HealthcheckResult;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.types.v1.Filters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between berth.engine.v1 messages and the engine's records. Config and HostConfig need no
 * translation: the proto messages are the engine's model.
 */
public final class ProtoMapper {
    private ProtoMapper() {
    }

    /**
     * @param req a CreateContainer request
     * @return the domain request: the request's Config and HostConfig as they are (Docker's defaults for a
     *     missing HostConfig)
     */
    public static CreateRequest toDomain(CreateContainerRequest req) {
        Map<String, io.berth.engine.network.EndpointSettings> endpoints = new java.util.LinkedHashMap<>();
        req.getEndpointsConfigMap().forEach((k, v) -> endpoints.put(k, NetworksGrpcService.toDomain(v)));
        return new CreateRequest(req.getName(), req.getConfig(),
                req.hasHostConfig() ? req.getHostConfig() : ContainerRecord.DEFAULT_HOST_CONFIG, endpoints);
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
                .setPath(r.path()).addAllArgs(r.args()).setConfig(r.config())
                .setHostConfig(r.hostConfig()).setState(toProto(r.state())).setImageId(r.image())
                .setLogPath(r.logPath()).setHostnamePath(r.hostnamePath()).setHostsPath(r.hostsPath())
                .setResolvConfPath(r.resolvConfPath()).setDriver(nz(r.driver())).putAllDriverData(r.driverData())
                .setRestartCount(r.restartCount()).setPlatform(r.platform())
                .addAllVolumeMounts(r.mountPoints().stream().map(ProtoMapper::toProto).toList()).build();
    }

    private static VolumeMount toProto(VolumeMountPoint m) {
        return VolumeMount.newBuilder().setType(m.type()).setName(m.name()).setSource(m.source())
                .setDestination(m.destination()).setDriver(m.driver()).setRw(m.rw()).setMode(m.mode())
                .setPropagation(m.propagation()).build();
    }

    private static io.berth.proto.engine.v1.ContainerState toProto(ContainerState s) {
        var b = io.berth.proto.engine.v1.ContainerState.newBuilder().setStatus(s.status())
                .setRunning(s.isRunningOrRestarting()).setRestarting(s.isRestarting()).setOomKilled(s.oomKilled())
                .setPaused(s.isPaused())
                .setPid(s.pid()).setExitCode(s.exitCode()).setError(s.error());
        if (s.startedAt() != null) {
            b.setStartedAt(ts(s.startedAt()));
        }
        if (s.finishedAt() != null) {
            b.setFinishedAt(ts(s.finishedAt()));
        }
        if (s.health() != null) {
            var h = Health.newBuilder().setStatus(s.health().status()).setFailingStreak(s.health().failingStreak());
            for (HealthState.Result r : s.health().log()) {
                h.addLog(HealthcheckResult.newBuilder().setStart(ts(r.start())).setEnd(ts(r.end()))
                        .setExitCode(r.exitCode()).setOutput(r.output()));
            }
            b.setHealth(h);
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
