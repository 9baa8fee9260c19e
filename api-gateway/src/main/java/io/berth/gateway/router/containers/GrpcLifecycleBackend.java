package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.ContainerLifecycleGrpc;
import io.berth.proto.engine.v1.PauseContainerRequest;
import io.berth.proto.engine.v1.PruneContainersRequest;
import io.berth.proto.engine.v1.PruneContainersResponse;
import io.berth.proto.engine.v1.RenameContainerRequest;
import io.berth.proto.engine.v1.RestartContainerRequest;
import io.berth.proto.engine.v1.TopContainerRequest;
import io.berth.proto.engine.v1.TopContainerResponse;
import io.berth.proto.engine.v1.UnpauseContainerRequest;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import io.berth.proto.engine.v1.UpdateContainerResponse;
import jakarta.inject.Inject;

/** {@link LifecycleBackend} over the engine's berth.engine.v1.ContainerLifecycle blocking stub. */
public final class GrpcLifecycleBackend implements LifecycleBackend {
    private final ContainerLifecycleGrpc.ContainerLifecycleBlockingStub stub;

    /** @param stub the blocking stub */
    @Inject
    public GrpcLifecycleBackend(ContainerLifecycleGrpc.ContainerLifecycleBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public void pause(PauseContainerRequest request) {
        ServiceCall.call("engine", () -> stub.pauseContainer(request));
    }

    @Override
    public void unpause(UnpauseContainerRequest request) {
        ServiceCall.call("engine", () -> stub.unpauseContainer(request));
    }

    @Override
    public void rename(RenameContainerRequest request) {
        ServiceCall.call("engine", () -> stub.renameContainer(request));
    }

    @Override
    public UpdateContainerResponse update(UpdateContainerRequest request) {
        return ServiceCall.call("engine", () -> stub.updateContainer(request));
    }

    @Override
    public TopContainerResponse top(TopContainerRequest request) {
        return ServiceCall.call("engine", () -> stub.topContainer(request));
    }

    @Override
    public void restart(RestartContainerRequest request) {
        ServiceCall.call("engine", () -> stub.restartContainer(request));
    }

    @Override
    public PruneContainersResponse prune(PruneContainersRequest request) {
        return ServiceCall.call("engine", () -> stub.pruneContainers(request));
    }
}
