package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.ArchivesGrpc;
import io.berth.proto.engine.v1.GetArchiveRequest;
import io.berth.proto.engine.v1.GetArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveRequest;
import io.berth.proto.engine.v1.PutArchiveResponse;
import io.berth.proto.engine.v1.StatPathRequest;
import io.berth.proto.engine.v1.StatPathResponse;
import jakarta.inject.Inject;

/** {@link ArchivesBackend} over the engine's berth.engine.v1.Archives stubs. */
public final class GrpcArchivesBackend implements ArchivesBackend {
    private final ArchivesGrpc.ArchivesBlockingStub blocking;
    private final ArchivesGrpc.ArchivesStub async;

    /**
     * @param blocking the blocking stub (StatPath)
     * @param async the async stub (the streams, with flow control)
     */
    @Inject
    public GrpcArchivesBackend(ArchivesGrpc.ArchivesBlockingStub blocking, ArchivesGrpc.ArchivesStub async) {
        this.blocking = blocking;
        this.async = async;
    }

    @Override
    public StatPathResponse statPath(StatPathRequest request) {
        return ServiceCall.call("engine", () -> blocking.statPath(request));
    }

    @Override
    public ResponseStream<GetArchiveResponse> getArchive(GetArchiveRequest request) {
        GrpcStream<GetArchiveRequest, GetArchiveResponse> s = new GrpcStream<>("engine");
        async.getArchive(request, s);
        return s;
    }

    @Override
    public BidiStream<PutArchiveRequest, PutArchiveResponse> putArchive() {
        GrpcStream<PutArchiveRequest, PutArchiveResponse> s = new GrpcStream<>("engine");
        async.putArchive(s);
        return s;
    }
}
