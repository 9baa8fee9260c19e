package io.berth.engine.grpc;

import io.berth.common.grpc.ChunkedServerStream;
import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.archive.ContainerArchives;
import io.berth.proto.engine.v1.ArchivesGrpc;
import io.berth.proto.engine.v1.GetArchiveRequest;
import io.berth.proto.engine.v1.GetArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveRequest;
import io.berth.proto.engine.v1.PutArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveTarget;
import io.berth.proto.engine.v1.StatPathRequest;
import io.berth.proto.engine.v1.StatPathResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * berth.engine.v1 Archives (archives.proto) over {@link ContainerArchives}. Each GetArchive and
 * PutArchive runs on a thread of its own from start to end (a stopped container's lock and private mounts
 * belong to that thread): GetArchive writes its chunks through common's {@link ChunkedServerStream} at
 * the client's pace; PutArchive reads the client's chunks with manual flow control
 * ({@link ChunkInputStream}), one message requested per chunk consumed.
 */
@Singleton
public final class ArchivesGrpcService extends ArchivesGrpc.ArchivesImplBase {
    private static final Logger LOG = LogManager.getLogger(ArchivesGrpcService.class);

    private final ContainerArchives archives;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "archive");
        t.setDaemon(true);
        return t;
    });

    /** @param archives the archive operations */
    @Inject
    public ArchivesGrpcService(ContainerArchives archives) {
        this.archives = archives;
    }

    @Override
    public void statPath(StatPathRequest req, StreamObserver<StatPathResponse> out) {
        LOG.debug("StatPath container={} path={}", req.getContainer(), req.getPath());
        workers.execute(() -> {
            try {
                out.onNext(StatPathResponse.newBuilder().setStat(archives.stat(req.getContainer(), req.getPath()))
                        .build());
                out.onCompleted();
            } catch (IOException | RuntimeException e) {
                out.onError(GrpcErrors.toStatus(e).asRuntimeException());
            }
        });
    }

    @Override
    public void getArchive(GetArchiveRequest req, StreamObserver<GetArchiveResponse> out) {
        LOG.debug("GetArchive container={} path={}", req.getContainer(), req.getPath());
        ServerCallStreamObserver<GetArchiveResponse> call = (ServerCallStreamObserver<GetArchiveResponse>) out;
        ChunkedServerStream<GetArchiveResponse> stream = new ChunkedServerStream<>(call,
                data -> GetArchiveResponse.newBuilder().setData(data).build());
        workers.execute(() -> {
            try {
                archives.get(req.getContainer(), req.getPath(), stat -> {
                    stream.sendMessage(GetArchiveResponse.newBuilder().setStat(stat).build());
                    return stream;
                });
                stream.flush();
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (stream.cancelled()) {
                    LOG.debug("archive of {}:{} cancelled by the client", req.getContainer(), req.getPath());
                    return;
                }
                LOG.info("archive of {}:{} failed: {}", req.getContainer(), req.getPath(), e.toString());
                call.onError(GrpcErrors.toStatus(e).asRuntimeException());
            }
        });
    }

    @Override
    public StreamObserver<PutArchiveRequest> putArchive(StreamObserver<PutArchiveResponse> out) {
        ServerCallStreamObserver<PutArchiveResponse> call = (ServerCallStreamObserver<PutArchiveResponse>) out;
        call.disableAutoRequest();
        ChunkInputStream data = new ChunkInputStream(call::request);
        call.request(1);
        return new StreamObserver<>() {
            private boolean started;

            @Override
            public void onNext(PutArchiveRequest r) {
                if (r.hasTarget() && !started) {
                    started = true;
                    PutArchiveTarget t = r.getTarget();
                    LOG.debug("PutArchive container={} path={}", t.getContainer(), t.getPath());
                    workers.execute(() -> put(t, data, call));
                    call.request(1);
                } else {
                    data.offer(r.getData());
                }
            }

            @Override
            public void onError(Throwable t) {
                data.fail(t);
            }

            @Override
            public void onCompleted() {
                data.end();
                if (!started) {
                    call.onError(io.grpc.Status.INVALID_ARGUMENT
                            .withDescription("PutArchive: the first message must be the target").asRuntimeException());
                }
            }
        };
    }

    private void put(PutArchiveTarget t, InputStream data, ServerCallStreamObserver<PutArchiveResponse> call) {
        try {
            archives.put(t, data);
            data.transferTo(java.io.OutputStream.nullOutputStream());
            call.onNext(PutArchiveResponse.getDefaultInstance());
            call.onCompleted();
        } catch (IOException | RuntimeException e) {
            LOG.info("extraction into {}:{} failed: {}", t.getContainer(), t.getPath(), e.toString());
            try {
                call.onError(GrpcErrors.toStatus(e).asRuntimeException());
            } catch (IllegalStateException cancelled) {
                LOG.debug("the client of the extraction left: {}", cancelled.toString());
            }
        }
    }

    /** Stops the workers (the engine's shutdown). */
    public void shutdown() {
        workers.shutdownNow();
    }
}
