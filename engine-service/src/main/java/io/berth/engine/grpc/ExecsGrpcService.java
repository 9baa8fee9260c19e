package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import io.berth.engine.exec.ExecCreateRequest;
import io.berth.engine.exec.ExecRecord;
import io.berth.engine.exec.ExecService;
import io.berth.proto.engine.v1.CreateExecRequest;
import io.berth.proto.engine.v1.CreateExecResponse;
import io.berth.proto.engine.v1.ExecConfig;
import io.berth.proto.engine.v1.ExecsGrpc;
import io.berth.proto.engine.v1.InspectExecRequest;
import io.berth.proto.engine.v1.InspectExecResponse;
import io.berth.proto.engine.v1.ResizeExecRequest;
import io.berth.proto.engine.v1.ResizeExecResponse;
import io.berth.proto.engine.v1.StartExecRequest;
import io.berth.proto.engine.v1.StartExecResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The berth.engine.v1 Execs gRPC service (execs.proto): a thin adapter over {@link ExecService}. Errors are
 * the domain's {@link io.berth.common.errors.BerthException}s, mapped to gRPC status by the server's
 * interceptor.
 */
@Singleton
public final class ExecsGrpcService extends ExecsGrpc.ExecsImplBase {
    private final ExecService service;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "exec-session");
        t.setDaemon(true);
        return t;
    });

    /** @param service the domain service */
    @Inject
    public ExecsGrpcService(ExecService service) {
        this.service = service;
    }

    @Override
    public void createExec(CreateExecRequest req, StreamObserver<CreateExecResponse> obs) {
        ExecConfig c = req.getConfig();
        ExecRecord r = service.create(req.getContainerId(), new ExecCreateRequest(c.getCmdList(), c.getEnvList(),
                c.getUser(), c.getWorkingDir(), c.getPrivileged(), c.getTty(), c.getAttachStdin(),
                c.getAttachStdout(), c.getAttachStderr(), c.getDetachKeys()));
        obs.onNext(CreateExecResponse.newBuilder().setId(r.id()).build());
        obs.onCompleted();
    }

    @Override
    public StreamObserver<StartExecRequest> startExec(StreamObserver<StartExecResponse> obs) {
        return new StartExecCall(service, sessions, obs);
    }

    @Override
    public void resizeExec(ResizeExecRequest req, StreamObserver<ResizeExecResponse> obs) {
        service.resize(req.getId(), req.getHeight(), req.getWidth());
        obs.onNext(ResizeExecResponse.getDefaultInstance());
        obs.onCompleted();
    }

    @Override
    public void inspectExec(InspectExecRequest req, StreamObserver<InspectExecResponse> obs) {
        obs.onNext(toProto(service.inspect(req.getId())));
        obs.onCompleted();
    }

    /**
     * @param r an exec
     * @return its InspectExecResponse
     */
    static InspectExecResponse toProto(ExecRecord r) {
        var c = r.config();
        InspectExecResponse.Builder b = InspectExecResponse.newBuilder()
                .setId(r.id()).setRunning(r.running()).setTty(c.tty()).setEntrypoint(c.entrypoint())
                .addAllArguments(c.arguments()).setPrivileged(c.privileged()).setUser(c.user())
                .setOpenStdin(c.openStdin()).setOpenStderr(c.openStderr()).setOpenStdout(c.openStdout())
                .setCanRemove(r.canRemove()).setContainerId(r.containerId())
                .setDetachKeys(ByteString.copyFrom(c.detachKeys())).setPid(r.pid());
        r.exitCode().ifPresent(b::setExitCode);
        return b.build();
    }
}
