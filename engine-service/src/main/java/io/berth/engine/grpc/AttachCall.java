package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.io.DetachKeys;
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
 * <p>A TTY container (dockerd 20.10's rules, moby container/stream/attach.go): every message carries
 * {@code tty=true} and output is the terminal's raw bytes. Its stdin (when the client attached stdin and the
 * container has {@code OpenStdin}) is scanned for the detach keys ({@code detach_keys}, default ctrl-p
 * ctrl-q, {@link DetachKeys}); the sequence is not forwarded, and it ends this attach: the stream completes,
 * {@code detach} is published and the container keeps running. The client's stdin EOF ends the attach the
 * same way (without the event) and never closes the terminal's input.
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
    private volatile DetachKeys.Scanner detachScanner;
    private volatile String containerId;
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
            DetachKeys keys = DetachKeys.parse(req.getDetachKeys()); // dockerd checks them first
            ContainerStreams.Target target = streams.target(req.getId());
            containerId = target.id();
            if (target.tty() && target.openStdin() && req.getStdin() && req.getStream()) {
                detachScanner = keys.scanner();
            }
            pump = streams.attach(req.getId(), opts, new CoalescingSink(target.tty()));
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
        private final boolean tty;
        private LogStream stream;
        private ByteString.Output buffer = ByteString.newOutput();

        CoalescingSink(boolean tty) {
            this.tty = tty;
        }

        @Override
        public void attached() {
            out.next(AttachContainerResponse.newBuilder().setAttached(true).setTty(tty).build());
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
                out.next(AttachContainerResponse.newBuilder().setStream(ProtoMapper.toProto(stream)).setTty(tty)
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
        // stdin EOF: output keeps flowing until the container stops (a TTY's attach ends here).
        endOfInput();
    }

    private void forwardStdin(AttachContainerRequest req) {
        if (!req.getStdinData().isEmpty()) {
            byte[] data = req.getStdinData().toByteArray();
            DetachKeys.Scanner scanner = detachScanner;
            if (scanner == null) {
                stdin.write(data);
            } else {
                DetachKeys.Result r = scanner.scan(data);
                if (r.forward().length > 0) {
                    stdin.write(r.forward());
                }
                if (r.detached()) {
                    LOG.debug("attach client of {} detached with its detach keys", containerId);
                    endAttach();
                    streams.detached(containerId);
                    return;
                }
            }
        }
        if (req.getStdinClose()) {
            endOfInput();
        }
    }

    private void endOfInput() {
        stdin.end();
        if (detachScanner != null) {
            endAttach();
        }
    }

    /** Ends a TTY attach before the container stops: this client's input ends, its output stream completes. */
    private void endAttach() {
        stdin.end();
        LogPump p = pump;
        if (p != null) {
            p.close();
        }
        out.complete();
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
