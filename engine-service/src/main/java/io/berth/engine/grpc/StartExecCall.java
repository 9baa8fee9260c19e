package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.exec.ExecProcess;
import io.berth.engine.exec.ExecRecord;
import io.berth.engine.exec.ExecService;
import io.berth.engine.io.DetachKeys;
import io.berth.proto.engine.v1.StartExecRequest;
import io.berth.proto.engine.v1.StartExecResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One StartExec call (see execs.proto). The first request names the exec; the exec is accepted (or the call
 * fails with NOT_FOUND/FAILED_PRECONDITION), then started on a session thread: detached, one
 * {@code accepted} response once it runs; attached, {@code accepted} at once, then its output, and the call
 * ends once the process exited and its exit code is recorded (or with {@code error_message} if it could not
 * start). Later requests are stdin, written to the process (for an exec with AttachStdin), the client's
 * half-close or {@code stdin_close} is stdin EOF; for a TTY exec the detach keys end the session, leaving
 * the process running. A cancelled call ends stdin and drops the output; the process goes on.
 */
final class StartExecCall implements StreamObserver<StartExecRequest> {
    private static final Logger LOG = LogManager.getLogger(StartExecCall.class);

    private final ExecService service;
    private final ExecutorService sessions;
    private final SerializedObserver<StartExecResponse> out;
    private final Object lock = new Object();
    /** Held while writing to the process's stdin, so buffered and later bytes keep their order. */
    private final Object writeLock = new Object();
    /** Stdin that arrived before the process ran. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private ExecRecord exec;
    private ExecProcess process;
    private DetachKeys.Scanner detach;
    private boolean first = true;
    private boolean stdinEnded;
    private volatile boolean gone;

    /**
     * @param service the domain service
     * @param sessions threads for the sessions
     * @param obs the response observer
     */
    StartExecCall(ExecService service, ExecutorService sessions, StreamObserver<StartExecResponse> obs) {
        this.service = service;
        this.sessions = sessions;
        this.out = new SerializedObserver<>(obs);
        if (obs instanceof ServerCallStreamObserver<?> sco) {
            sco.setOnCancelHandler(this::cancelled);
        }
    }

    @Override
    public void onNext(StartExecRequest req) {
        boolean isFirst;
        synchronized (lock) {
            isFirst = first;
            first = false;
        }
        if (!isFirst) {
            stdin(req);
            return;
        }
        ExecRecord r;
        RuntimeException prepareFailure;
        try {
            r = service.accept(req.getId());
            prepareFailure = prepare(r); // a container that exited since accept: dockerd's 409, before any header
        } catch (RuntimeException e) {
            out.fail(GrpcErrors.toStatus(e).asRuntimeException());
            return;
        }
        synchronized (lock) {
            exec = r;
            if (r.config().tty() && r.config().openStdin()) {
                detach = DetachKeys.of(r.config().detachKeys()).scanner();
            }
        }
        if (req.getDetach()) {
            sessions.execute(() -> runDetached(r, prepareFailure));
        } else {
            out.next(StartExecResponse.newBuilder().setAccepted(true).setTty(r.config().tty()).build());
            sessions.execute(() -> runAttached(r, prepareFailure));
        }
    }

    /** @return null, or the failure the stream reports (an unknown user), as dockerd's runtime does */
    private RuntimeException prepare(ExecRecord r) {
        try {
            service.prepare(r);
            return null;
        } catch (ConflictException | NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private ExecProcess launch(ExecRecord r, boolean attach, RuntimeException prepareFailure) {
        if (prepareFailure != null) {
            throw prepareFailure;
        }
        return service.launch(r, attach);
    }

    private void runDetached(ExecRecord r, RuntimeException prepareFailure) {
        ExecProcess p;
        try {
            p = launch(r, false, prepareFailure);
        } catch (RuntimeException e) {
            out.fail(GrpcErrors.toStatus(e).asRuntimeException());
            return;
        }
        service.finishInBackground(r, p);
        out.next(StartExecResponse.newBuilder().setAccepted(true).setTty(r.config().tty()).build());
        out.complete();
    }

    private void runAttached(ExecRecord r, RuntimeException prepareFailure) {
        ExecProcess p;
        try {
            p = launch(r, true, prepareFailure);
        } catch (RuntimeException e) {
            out.next(StartExecResponse.newBuilder().setErrorMessage(e.getMessage()).build());
            out.complete();
            return;
        }
        boolean endNow;
        synchronized (writeLock) {
            byte[] early;
            synchronized (lock) {
                process = p;
                endNow = stdinEnded || gone;
                early = pending.toByteArray();
                pending.reset();
            }
            write(p, early);
        }
        if (endNow && r.config().openStdin() && !r.config().tty()) {
            p.endStdin();
        }
        boolean wantOut = r.config().openStdout();
        boolean wantErr = r.config().openStderr();
        p.pumpOutput((stream, data) -> {
            boolean err = stream == io.berth.engine.logs.LogStream.STDERR;
            if (!gone && (err ? wantErr : wantOut)) {
                out.next(StartExecResponse.newBuilder().setStream(ProtoMapper.toProto(stream))
                        .setData(ByteString.copyFrom(data)).build());
            }
        });
        try {
            service.finish(r, p);
        } finally {
            out.complete(); // the client must see the end of the stream even if clean-up failed
        }
    }

    private void stdin(StartExecRequest req) {
        ExecProcess p;
        ExecRecord r;
        byte[] data = req.getStdinData().toByteArray();
        boolean detachedNow = false;
        synchronized (lock) {
            p = process;
            r = exec;
            if (r == null || !r.config().openStdin()) {
                return;
            }
            if (req.getStdinClose()) {
                stdinEnded = true;
            }
            if (detach != null && data.length > 0) {
                DetachKeys.Result scanned = detach.scan(data);
                data = scanned.forward();
                if (scanned.detached()) {
                    detach = null;
                    gone = true;
                    detachedNow = true;
                }
            }
            if (p == null) {
                pending.writeBytes(data); // written once the process runs
                return;
            }
        }
        synchronized (writeLock) {
            write(p, data);
        }
        if (detachedNow) {
            detachClient(r);
            return;
        }
        if (req.getStdinClose() && !r.config().tty()) {
            p.endStdin();
        }
    }

    private static void write(ExecProcess p, byte[] data) {
        if (data.length == 0) {
            return;
        }
        try {
            p.writeStdin(data);
        } catch (IOException e) {
            LOG.debug("exec stdin: {}", e.toString());
        }
    }

    private void detachClient(ExecRecord r) {
        service.detached(r);
        out.complete();
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("exec client went away: {}", t.toString());
        cancelled();
    }

    @Override
    public void onCompleted() {
        ExecProcess p;
        ExecRecord r;
        synchronized (lock) {
            stdinEnded = true;
            p = process;
            r = exec;
        }
        if (p != null && r != null && !r.config().tty()) {
            p.endStdin();
        }
    }

    private void cancelled() {
        gone = true;
        onCompleted();
    }
}
