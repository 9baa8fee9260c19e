package io.berth.engine.grpc;

import io.berth.engine.service.ContainerPauser;
import io.berth.engine.service.ContainerPruner;
import io.berth.engine.service.ContainerRenamer;
import io.berth.engine.service.ContainerRestarter;
import io.berth.engine.service.ContainerTop;
import io.berth.engine.service.ContainerUpdater;
import io.berth.engine.service.PsOutput;
import io.berth.proto.engine.v1.ContainerLifecycleGrpc;
import io.berth.proto.engine.v1.PauseContainerRequest;
import io.berth.proto.engine.v1.PauseContainerResponse;
import io.berth.proto.engine.v1.PruneContainersRequest;
import io.berth.proto.engine.v1.PruneContainersResponse;
import io.berth.proto.engine.v1.RenameContainerRequest;
import io.berth.proto.engine.v1.RenameContainerResponse;
import io.berth.proto.engine.v1.RestartContainerRequest;
import io.berth.proto.engine.v1.RestartContainerResponse;
import io.berth.proto.engine.v1.TopContainerRequest;
import io.berth.proto.engine.v1.TopContainerResponse;
import io.berth.proto.engine.v1.TopRow;
import io.berth.proto.engine.v1.UnpauseContainerRequest;
import io.berth.proto.engine.v1.UnpauseContainerResponse;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import io.berth.proto.engine.v1.UpdateContainerResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The berth.engine.v1 ContainerLifecycle gRPC service (lifecycle.proto): a thin adapter over the domain
 * services; their {@link io.berth.common.errors.BerthException}s become gRPC statuses in the server's
 * interceptor.
 */
@Singleton
public final class LifecycleGrpcService extends ContainerLifecycleGrpc.ContainerLifecycleImplBase {
    private static final Logger LOG = LogManager.getLogger(LifecycleGrpcService.class);

    private final ContainerPauser pauser;
    private final ContainerRenamer renamer;
    private final ContainerUpdater updater;
    private final ContainerTop top;
    private final ContainerRestarter restarter;
    private final ContainerPruner pruner;

    /**
     * @param pauser pause and unpause
     * @param renamer rename
     * @param updater update
     * @param top top
     * @param restarter restart
     * @param pruner prune
     */
    @Inject
    public LifecycleGrpcService(ContainerPauser pauser, ContainerRenamer renamer, ContainerUpdater updater,
                                ContainerTop top, ContainerRestarter restarter, ContainerPruner pruner) {
        this.pauser = pauser;
        this.renamer = renamer;
        this.updater = updater;
        this.top = top;
        this.restarter = restarter;
        this.pruner = pruner;
    }

    @Override
    public void pauseContainer(PauseContainerRequest req, StreamObserver<PauseContainerResponse> obs) {
        LOG.debug("PauseContainer {}", req.getId());
        pauser.pause(req.getId());
        done(obs, PauseContainerResponse.getDefaultInstance());
    }

    @Override
    public void unpauseContainer(UnpauseContainerRequest req, StreamObserver<UnpauseContainerResponse> obs) {
        LOG.debug("UnpauseContainer {}", req.getId());
        pauser.unpause(req.getId());
        done(obs, UnpauseContainerResponse.getDefaultInstance());
    }

    @Override
    public void renameContainer(RenameContainerRequest req, StreamObserver<RenameContainerResponse> obs) {
        LOG.debug("RenameContainer {} -> {}", req.getId(), req.getName());
        renamer.rename(req.getId(), req.getName());
        done(obs, RenameContainerResponse.getDefaultInstance());
    }

    @Override
    public void updateContainer(UpdateContainerRequest req, StreamObserver<UpdateContainerResponse> obs) {
        LOG.debug("UpdateContainer {}", req.getId());
        done(obs, UpdateContainerResponse.newBuilder().addAllWarnings(updater.update(req)).build());
    }

    @Override
    public void topContainer(TopContainerRequest req, StreamObserver<TopContainerResponse> obs) {
        PsOutput out = top.top(req.getId(), req.getPsArgs());
        TopContainerResponse.Builder b = TopContainerResponse.newBuilder().addAllTitles(out.titles());
        out.processes().forEach(p -> b.addProcesses(TopRow.newBuilder().addAllValues(p)));
        done(obs, b.build());
    }

    @Override
    public void restartContainer(RestartContainerRequest req, StreamObserver<RestartContainerResponse> obs) {
        LOG.debug("RestartContainer {}", req.getId());
        restarter.restart(req.getId(), req.hasTimeoutSeconds() ? req.getTimeoutSeconds() : null);
        done(obs, RestartContainerResponse.getDefaultInstance());
    }

    @Override
    public void pruneContainers(PruneContainersRequest req, StreamObserver<PruneContainersResponse> obs) {
        ContainerPruner.Report r = pruner.prune(ProtoMapper.toDomain(req.getFilters()));
        done(obs, PruneContainersResponse.newBuilder().addAllContainersDeleted(r.deleted())
                .setSpaceReclaimed(r.spaceReclaimed()).build());
    }

    private static <T> void done(StreamObserver<T> obs, T response) {
        obs.onNext(response);
        obs.onCompleted();
    }
}
