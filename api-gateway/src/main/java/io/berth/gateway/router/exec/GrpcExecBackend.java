package io.berth.gateway.router.exec;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.CreateExecRequest;
import io.berth.proto.engine.v1.CreateExecResponse;
import io.berth.proto.engine.v1.ExecsGrpc;
import io.berth.proto.engine.v1.InspectExecRequest;
import io.berth.proto.engine.v1.InspectExecResponse;
import io.berth.proto.engine.v1.ResizeExecRequest;
import io.berth.proto.engine.v1.ResizeExecResponse;
import io.berth.proto.engine.v1.StartExecRequest;
import io.berth.proto.engine.v1.StartExecResponse;
import jakarta.inject.Inject;

/** {@link ExecBackend} over the engine's berth.engine.v1.Execs stubs. */
public final class GrpcExecBackend implements ExecBackend {
    private final ExecsGrpc.ExecsBlockingStub blocking;
    private final ExecsGrpc.ExecsStub async;

    /**
     * @param blocking the blocking stub (unary calls)
     * @param async the async stub (the start stream)
     */
    @Inject
    public GrpcExecBackend(ExecsGrpc.ExecsBlockingStub blocking, ExecsGrpc.ExecsStub async) {
        this.blocking = blocking;
        this.async = async;
    }

    @Override
    public CreateExecResponse create(CreateExecRequest request) {
        return ServiceCall.call("engine", () -> blocking.createExec(request));
    }

    @Override
    public BidiStream<StartExecRequest, StartExecResponse> start() {
        GrpcStream<StartExecRequest, StartExecResponse> s = new GrpcStream<>("engine");
        async.startExec(s);
        return s;
    }

    @Override
    public ResizeExecResponse resize(ResizeExecRequest request) {
        return ServiceCall.call("engine", () -> blocking.resizeExec(request));
    }

    @Override
    public InspectExecResponse inspect(InspectExecRequest request) {
        return ServiceCall.call("engine", () -> blocking.inspectExec(request));
    }
}
