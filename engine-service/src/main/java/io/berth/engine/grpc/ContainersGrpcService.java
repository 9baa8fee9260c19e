package io.berth.engine.grpc;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.exec.ExecStore;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogPump;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.logs.LogSubscriber;
import io.berth.engine.service.ContainerCreator;
import io.berth.engine.service.ContainerQueries;
import io.berth.engine.service.ContainerRemover;
import io.berth.engine.service.ContainerResizer;
import io.berth.engine.service.ContainerStarter;
import io.berth.engine.service.ContainerStopper;
import io.berth.engine.service.ContainerStdin;
import io.berth.engine.service.ContainerStreams;
import io.berth.engine.service.ContainerWaits;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.KillContainerResponse;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.ListContainersResponse;
import io.berth.proto.engine.v1.ResizeContainerRequest;
import io.berth.proto.engine.v1.ResizeContainerResponse;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.RemoveContainerResponse;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StartContainerResponse;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.StopContainerResponse;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The berth.engine.v1 Containers gRPC service: a thin adapter over the domain services. Errors are the
 * domain's {@link io.berth.common.errors.BerthException}s, mapped to gRPC status by the server's
 * interceptor (see containers.proto for each RPC's contract).
 */
@Singleton
public final class ContainersGrpcService extends ContainersGrpc.ContainersImplBase {
    private static final Logger LOG = LogManager.getLogger(ContainersGrpcService.class);
    private static final int LIST_BATCH = 100;

    private final ContainerCreator creator;
    private final ContainerStarter starter;
    private final ContainerStopper stopper;
    private final ContainerRemover remover;
    private final ContainerQueries queries;
    private final ContainerWaits waits;
    private final ContainerStreams streams;
    private final ContainerStdin stdin;
    private final ContainerResizer resizer;
    private final ExecStore execs;
    private final NetworkSettingsMapper networkSettings;
    private final io.berth.engine.network.LegacyLinks links;

    /**
     * @param creator create
     * @param starter start
     * @param stopper stop and kill
     * @param remover remove
     * @param queries inspect and list
     * @param waits wait
     * @param streams attach and logs
     * @param stdin attach's stdin
     * @param resizer terminal resize
     * @param execs the exec instances (for ExecIDs)
     * @param networkSettings the containers' NetworkSettings
     * @param links the legacy links (HostConfig.Links of inspect as dockerd shows them)
     */
    @Inject
    public ContainersGrpcService(ContainerCreator creator, ContainerStarter starter, ContainerStopper stopper,
                                 ContainerRemover remover, ContainerQueries queries, ContainerWaits waits,
                                 ContainerStreams streams, ContainerStdin stdin, ContainerResizer resizer,
                                 ExecStore execs, NetworkSettingsMapper networkSettings,
                                 io.berth.engine.network.LegacyLinks links) {
        this.links = links;
        this.execs = execs;
        this.networkSettings = networkSettings;
        this.creator = creator;
        this.starter = starter;
        this.stopper = stopper;
        this.remover = remover;
        this.queries = queries;
        this.waits = waits;
        this.streams = streams;
        this.stdin = stdin;
        this.resizer = resizer;
    }

    @Override
    public void resizeContainer(ResizeContainerRequest req, StreamObserver<ResizeContainerResponse> obs) {
        LOG.debug("ResizeContainer {} {}x{}", req.getId(), req.getHeight(), req.getWidth());
        resizer.resize(req.getId(), req.getHeight(), req.getWidth());
        obs.onNext(ResizeContainerResponse.getDefaultInstance());
        obs.onCompleted();
    }

    @Override
    public void createContainer(CreateContainerRequest req, StreamObserver<CreateContainerResponse> obs) {
        LOG.debug("CreateContainer name={} image={}", req.getName(), req.getConfig().getImage());
        java.util.List<String> warnings = new java.util.ArrayList<>();
        ContainerRecord r = creator.create(ProtoMapper.toDomain(req), warnings);
        obs.onNext(CreateContainerResponse.newBuilder().setId(r.id()).addAllWarnings(warnings).build());
        obs.onCompleted();
    }

    @Override
    public void startContainer(StartContainerRequest req, StreamObserver<StartContainerResponse> obs) {
        LOG.debug("StartContainer {}", req.getId());
        boolean already = starter.start(req.getId());
        obs.onNext(StartContainerResponse.newBuilder().setAlreadyRunning(already).build());
        obs.onCompleted();
    }

    @Override
    public void stopContainer(StopContainerRequest req, StreamObserver<StopContainerResponse> obs) {
        LOG.debug("StopContainer {}", req.getId());
        boolean already = stopper.stop(req.getId(), req.hasTimeoutSeconds() ? req.getTimeoutSeconds() : null);
        obs.onNext(StopContainerResponse.newBuilder().setAlreadyStopped(already).build());
        obs.onCompleted();
    }

    @Override
    public void killContainer(KillContainerRequest req, StreamObserver<KillContainerResponse> obs) {
        LOG.debug("KillContainer {} {}", req.getId(), req.getSignal());
        stopper.kill(req.getId(), req.getSignal());
        obs.onNext(KillContainerResponse.getDefaultInstance());
        obs.onCompleted();
    }

    @Override
    public void removeContainer(RemoveContainerRequest req, StreamObserver<RemoveContainerResponse> obs) {
        LOG.debug("RemoveContainer {} force={}", req.getId(), req.getForce());
        remover.remove(req.getId(), req.getForce(), req.getRemoveVolumes());
        obs.onNext(RemoveContainerResponse.getDefaultInstance());
        obs.onCompleted();
    }

    @Override
    public void inspectContainer(InspectContainerRequest req, StreamObserver<InspectContainerResponse> obs) {
        ContainerRecord r = queries.inspect(req.getId());
        io.berth.proto.engine.v1.Container c = withNetwork(r);
        c = c.toBuilder().setHostConfig(c.getHostConfig().toBuilder().clearLinks().addAllLinks(links.inspected(r)))
                .build();
        obs.onNext(InspectContainerResponse.newBuilder().setContainer(c).setSizeRwBytes(-1)
                .addAllExecIds(execs.activeIds(r.id())).build());
        obs.onCompleted();
    }

    @Override
    public void listContainers(ListContainersRequest req, StreamObserver<ListContainersResponse> obs) {
        List<ContainerRecord> all = queries.list(req.getAll(), req.getLimit(), ProtoMapper.toDomain(req.getFilters()));
        for (int i = 0; i < all.size() || i == 0; i += LIST_BATCH) {
            ListContainersResponse.Builder b = ListContainersResponse.newBuilder();
            all.subList(i, Math.min(all.size(), i + LIST_BATCH)).forEach(r -> b.addContainers(withNetwork(r)));
            obs.onNext(b.build());
        }
        obs.onCompleted();
    }

    private io.berth.proto.engine.v1.Container withNetwork(ContainerRecord r) {
        return ProtoMapper.toProto(r).toBuilder().setNetworkSettings(networkSettings.of(r)).build();
    }

    @Override
    public void waitContainer(WaitContainerRequest req, StreamObserver<WaitContainerResponse> obs) {
        LOG.debug("WaitContainer {} {}", req.getId(), req.getCondition());
        WaitCall.run(waits, req, obs);
    }

    @Override
    public StreamObserver<AttachContainerRequest> attachContainer(StreamObserver<AttachContainerResponse> obs) {
        return new AttachCall(streams, stdin, obs);
    }

    @Override
    public void containerLogs(ContainerLogsRequest req, StreamObserver<ContainerLogsResponse> obs) {
        SerializedObserver<ContainerLogsResponse> out = new SerializedObserver<>(obs);
        LogQuery q = new LogQuery(req.getStdout(), req.getStderr(), req.getSinceNano(), req.getUntilNano(),
                req.getTail());
        AtomicReference<LogPump> pump = new AtomicReference<>();
        if (obs instanceof ServerCallStreamObserver<?> sco) {
            sco.setOnReadyHandler(() -> {
                LogPump p = pump.get();
                if (p != null) {
                    p.wake();
                }
            });
            sco.setOnCancelHandler(() -> {
                LogPump p = pump.get();
                if (p != null) {
                    p.close();
                }
            });
        }
        pump.set(streams.logs(req.getId(), q, req.getFollow(), new LogSubscriber() {
            @Override
            public void onEntry(LogEntry e) {
                out.next(ContainerLogsResponse.newBuilder().setStream(ProtoMapper.toProto(e.stream()))
                        .setData(ProtoMapper.data(e)).setTimeNano(e.timeNano()).build());
            }

            @Override
            public void onEnd() {
                out.complete();
            }

            @Override
            public boolean isReady() {
                return out.isReady();
            }
        }));
        if (obs instanceof ServerCallStreamObserver<?> sco && sco.isCancelled()) {
            pump.get().close();
        }
    }
}
