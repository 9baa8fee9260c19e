package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.KillContainerResponse;
import io.berth.proto.engine.v1.ResizeContainerRequest;
import io.berth.proto.engine.v1.ResizeContainerResponse;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.RemoveContainerResponse;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StartContainerResponse;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.StopContainerResponse;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** {@link ContainersBackend} over the engine's berth.engine.v1.Containers stubs. */
public final class GrpcContainersBackend implements ContainersBackend {
    private final ContainersGrpc.ContainersBlockingStub blocking;
    private final ContainersGrpc.ContainersStub async;

    /**
     * @param blocking the blocking stub (unary calls and lists)
     * @param async the async stub (wait, attach, logs streams with flow control)
     */
    @Inject
    public GrpcContainersBackend(ContainersGrpc.ContainersBlockingStub blocking, ContainersGrpc.ContainersStub async) {
        this.blocking = blocking;
        this.async = async;
    }

    @Override
    public CreateContainerResponse create(CreateContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.createContainer(request));
    }

    @Override
    public StartContainerResponse start(StartContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.startContainer(request));
    }

    @Override
    public StopContainerResponse stop(StopContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.stopContainer(request));
    }

    @Override
    public ResizeContainerResponse resize(ResizeContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.resizeContainer(request));
    }

    @Override
    public KillContainerResponse kill(KillContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.killContainer(request));
    }

    @Override
    public RemoveContainerResponse remove(RemoveContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.removeContainer(request));
    }

    @Override
    public InspectContainerResponse inspect(InspectContainerRequest request) {
        return ServiceCall.call("engine", () -> blocking.inspectContainer(request));
    }

    @Override
    public List<Container> list(ListContainersRequest request) {
        return ServiceCall.call("engine", () -> {
            List<Container> out = new ArrayList<>();
            blocking.listContainers(request).forEachRemaining(r -> out.addAll(r.getContainersList()));
            return out;
        });
    }

    @Override
    public ResponseStream<WaitContainerResponse> waitContainer(WaitContainerRequest request) {
        GrpcStream<WaitContainerRequest, WaitContainerResponse> s = new GrpcStream<>("engine");
        async.waitContainer(request, s);
        return s;
    }

    @Override
    public BidiStream<AttachContainerRequest, AttachContainerResponse> attach() {
        GrpcStream<AttachContainerRequest, AttachContainerResponse> s = new GrpcStream<>("engine");
        async.attachContainer(s);
        return s;
    }

    @Override
    public ResponseStream<ContainerLogsResponse> logs(ContainerLogsRequest request) {
        GrpcStream<ContainerLogsRequest, ContainerLogsResponse> s = new GrpcStream<>("engine");
        async.containerLogs(request, s);
        return s;
    }
}
