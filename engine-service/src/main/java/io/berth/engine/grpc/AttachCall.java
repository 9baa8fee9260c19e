package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogPump;
import io.berth.engine.logs.LogStream;
import io.berth.engine.service.AttachOptions;
import io.berth.engine.service.ContainerStdin;
import io.berth.engine.service.ContainerStreams;
import io.berth.engine.service.OutputSink;
import io.berth.engine.stdin.StdinWriter;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One AttachContainer call (bidirectional): the first request carries the options; the response stream
 * starts with {@code attached=true} and then carries output until the container stops. Later requests
 * carry stdin ({@code stdin_data}, then {@code stdin_close} at the client's EOF), which goes to the
 * container through {@link ContainerStdin} when the first request had {@code stdin} (dropped otherwise); the
 * client's half-close is stdin EOF too and does not end the output. Cancelling the call (the client went
 * away) ends its stdin.
 *
 * <p>Output follows gRPC flow control: the log is read only while the call {@code isReady()}, and again on
 * its on-ready signal. Consecutive entries of one stream are sent as one message of up to
 * {@value #MAX_MESSAGE_BYTES} bytes (attach is a byte stream: Docker's attach has no per-line framing).
 */
final class AttachCall implements StreamObserver<AttachContainerRequest> {
    private static final Logger LOG = LogManager.getLogger(AttachCall.class);
    /** Largest data payload of one response message, in bytes. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ContainerStreams streams;
    private final ContainerStdin stdinService;
    private final StreamObserver<AttachContainerResponse> raw;
    private final SerializedObserver<AttachContainerResponse> out;
    private volatile LogPump pump;
    private volatile StdinWriter stdin = StdinWriter.DISCARD;
    private boolean started;

    /**
     * @param streams the domain service (output)
     * @param stdinService the domain service (stdin)
     * @param obs the response observer
     */
    AttachCall(ContainerStreams streams, ContainerStdin stdinService, StreamObserver<AttachContainerResponse> obs) {
        this.streams = streams;
        this.stdinService = stdinService;
        this.raw = obs;
        this.out = new SerializedObserver<>(obs);
        if (obs instanceof ServerCallStreamObserver<?> sco) {
            sco.setOnCancelHandler(this::close);
            sco.setOnReadyHandler(this::wake);
        }
    }

    @Override
    public void onNext(AttachContainerRequest req) {
        synchronized (this) {
            if (started) {
                forwardStdin(req);
                return;
            }
            started = true;
        }
        AttachOptions opts = new AttachOptions(req.getStdin(), req.getStdout(), req.getStderr(), req.getStream(),
                req.getLogs());
        try {
            pump = streams.attach(req.getId(), opts, new CoalescingSink());
            if (req.getStdin()) {
                stdin = stdinService.open(req.getId());
            }
        } catch (RuntimeException e) {
            out.fail(GrpcErrors.toStatus(e).asRuntimeException());
        }
        if (raw instanceof ServerCallStreamObserver<?> sco && sco.isCancelled()) {
            close();
        }
    }

    /** Buffers consecutive entries of one stream into one message. Called by the pump, never concurrently. */
    private final class CoalescingSink implements OutputSink {
        private LogStream stream;
        private ByteString.Output buffer = ByteString.newOutput();

        @Override
        public void attached() {
            out.next(AttachContainerResponse.newBuilder().setAttached(true).build());
        }

        @Override
        public void onEntry(LogEntry e) {
            if (stream != e.stream() || buffer.size() + e.data().length > MAX_MESSAGE_BYTES) {
                flush();
            }
            stream = e.stream();
            buffer.write(e.data(), 0, e.data().length);
        }

        @Override
        public void onBatchEnd() {
            flush();
        }

        @Override
        public void onEnd() {
            flush();
            out.complete();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        private void flush() {
            if (buffer.size() > 0) {
                out.next(AttachContainerResponse.newBuilder().setStream(ProtoMapper.toProto(stream))
                        .setData(buffer.toByteString()).build());
                buffer = ByteString.newOutput();
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("attach client went away: {}", t.toString());
        close();
    }

    @Override
    public void onCompleted() {
        // stdin EOF: output keeps flowing until the container stops.
        stdin.end();
    }

    private void forwardStdin(AttachContainerRequest req) {
        if (!req.getStdinData().isEmpty()) {
            stdin.write(req.getStdinData().toByteArray());
        }
        if (req.getStdinClose()) {
            stdin.end();
        }
    }

    private void wake() {
        LogPump p = pump;
        if (p != null) {
            p.wake();
        }
    }

    private void close() {
        stdin.close();
        LogPump p = pump;
        if (p != null) {
            p.close();
        }
    }
}
