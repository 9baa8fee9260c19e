package io.berth.engine.grpc;

import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogHub;
import io.berth.engine.service.AttachOptions;
import io.berth.engine.service.ContainerStreams;
import io.berth.engine.service.OutputSink;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One AttachContainer call (bidirectional): the first request carries the options; the response stream
 * starts with {@code attached=true} and then carries output until the container stops. Later requests
 * (stdin) are accepted and ignored for now; the client's half-close does not end the output.
 */
final class AttachCall implements StreamObserver<AttachContainerRequest> {
    private static final Logger LOG = LogManager.getLogger(AttachCall.class);

    private final ContainerStreams streams;
    private final StreamObserver<AttachContainerResponse> raw;
    private final SerializedObserver<AttachContainerResponse> out;
    private volatile LogHub.Subscription subscription;
    private boolean started;

    /**
     * @param streams the domain service
     * @param obs the response observer
     */
    AttachCall(ContainerStreams streams, StreamObserver<AttachContainerResponse> obs) {
        this.streams = streams;
        this.raw = obs;
        this.out = new SerializedObserver<>(obs);
        if (obs instanceof ServerCallStreamObserver<?> sco) {
            sco.setOnCancelHandler(this::close);
        }
    }

    @Override
    public void onNext(AttachContainerRequest req) {
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
        }
        AttachOptions opts = new AttachOptions(req.getStdin(), req.getStdout(), req.getStderr(), req.getStream(),
                req.getLogs());
        try {
            subscription = streams.attach(req.getId(), opts, sink());
        } catch (RuntimeException e) {
            out.fail(GrpcErrors.toStatus(e).asRuntimeException());
        }
        if (raw instanceof ServerCallStreamObserver<?> sco && sco.isCancelled()) {
            close();
        }
    }

    private OutputSink sink() {
        return new OutputSink() {
            @Override
            public void attached() {
                out.next(AttachContainerResponse.newBuilder().setAttached(true).build());
            }

            @Override
            public void onEntry(LogEntry e) {
                out.next(AttachContainerResponse.newBuilder().setStream(ProtoMapper.toProto(e.stream()))
                        .setData(ProtoMapper.data(e)).build());
            }

            @Override
            public void onEnd() {
                out.complete();
            }
        };
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("attach client went away: {}", t.toString());
        close();
    }

    @Override
    public void onCompleted() {
        // stdin EOF: output keeps flowing until the container stops.
    }

    private void close() {
        LogHub.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
