package io.berth.gateway.e2e;

import com.google.protobuf.ByteString;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StartContainerResponse;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An engine that plays one container's life the way the real engine will: attach registers output capture,
 * wait registers a waiter, start "runs" the process (writes scripted output, echoes stdin until EOF if
 * stdin is attached) and then ends the attach stream and answers the waiter with the exit code.
 */
final class FakeEngine extends ContainersGrpc.ContainersImplBase {
    static final String ID = "c0ffee" + "0".repeat(58);

    final List<CreateContainerRequest> created = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final String stdout;
    private final String stderr;
    private final int exitCode;
    private volatile StreamObserver<AttachContainerResponse> attach;
    private volatile boolean stdinAttached;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private final CountDownLatch stdinClosed = new CountDownLatch(1);
    private volatile StreamObserver<WaitContainerResponse> waiter;
    volatile boolean waitCancelled;
    /** When set, the "process" never exits (a detached container that keeps running). */
    volatile boolean keepsRunning;

    FakeEngine(String stdout, String stderr, int exitCode) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.exitCode = exitCode;
    }

    @Override
    public void createContainer(CreateContainerRequest req, StreamObserver<CreateContainerResponse> out) {
        calls.add("create");
        if (req.getConfig().getImage().startsWith("missing")) {
            out.onError(Status.NOT_FOUND.withDescription("No such image: " + req.getConfig().getImage())
                    .asRuntimeException());
            return;
        }
        created.add(req);
        out.onNext(CreateContainerResponse.newBuilder().setId(ID).build());
        out.onCompleted();
    }

    @Override
    public StreamObserver<AttachContainerRequest> attachContainer(StreamObserver<AttachContainerResponse> out) {
        calls.add("attach");
        return new StreamObserver<>() {
            @Override
            public void onNext(AttachContainerRequest r) {
                if (!r.getId().isEmpty()) {
                    stdinAttached = r.getStdin();
                    attach = out;
                    out.onNext(AttachContainerResponse.newBuilder().setAttached(true).build());
                } else if (r.getStdinClose()) {
                    stdinClosed.countDown();
                } else {
                    synchronized (stdin) {
                        stdin.writeBytes(r.getStdinData().toByteArray());
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Override
    public void waitContainer(WaitContainerRequest req, StreamObserver<WaitContainerResponse> out) {
        calls.add("wait " + req.getCondition());
        ((ServerCallStreamObserver<WaitContainerResponse>) out).setOnCancelHandler(() -> waitCancelled = true);
        waiter = out;
        out.onNext(WaitContainerResponse.newBuilder().setRegistered(true).build());
    }

    @Override
    public void inspectContainer(io.berth.proto.engine.v1.InspectContainerRequest req,
                                 StreamObserver<io.berth.proto.engine.v1.InspectContainerResponse> out) {
        calls.add("inspect " + req.getId());
        if (!req.getId().equals("web") && !req.getId().equals(ID)) {
            out.onError(Status.NOT_FOUND.withDescription("No such container: " + req.getId()).asRuntimeException());
            return;
        }
        out.onNext(io.berth.proto.engine.v1.InspectContainerResponse.newBuilder().setContainer(
                io.berth.proto.engine.v1.Container.newBuilder().setId(ID).setName("/web")
                        .setConfig(io.berth.proto.engine.v1.ContainerConfig.newBuilder().setImage("fixture/busybox:1"))
                        .setState(io.berth.proto.engine.v1.ContainerState.newBuilder().setStatus("exited")))
                .build());
        out.onCompleted();
    }

    @Override
    public void containerLogs(io.berth.proto.engine.v1.ContainerLogsRequest req,
                              StreamObserver<io.berth.proto.engine.v1.ContainerLogsResponse> out) {
        calls.add("logs " + req.getId() + " tail=" + req.getTail());
        long t = 1_795_943_710_000_000_000L;
        String[][] entries = {{"1", "line0\n"}, {"2", "err0\n"}, {"1", "line1\n"}};
        int from = req.getTail() < 0 ? 0 : Math.max(0, entries.length - req.getTail());
        for (int i = from; i < entries.length; i++) {
            out.onNext(io.berth.proto.engine.v1.ContainerLogsResponse.newBuilder()
                    .setStream(entries[i][0].equals("1") ? OutputStream.OUTPUT_STREAM_STDOUT
                            : OutputStream.OUTPUT_STREAM_STDERR)
                    .setData(ByteString.copyFromUtf8(entries[i][1])).setTimeNano(t + i * 1_000_000L).build());
        }
        out.onCompleted();
    }

    @Override
    public void startContainer(StartContainerRequest req, StreamObserver<StartContainerResponse> out) {
        calls.add("start");
        out.onNext(StartContainerResponse.getDefaultInstance());
        out.onCompleted();
        Thread t = new Thread(this::run, "fake-container");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        if (keepsRunning) {
            return;
        }
        StreamObserver<AttachContainerResponse> a = attach;
        try {
            if (a != null) {
                emit(a, OutputStream.OUTPUT_STREAM_STDOUT, stdout);
                emit(a, OutputStream.OUTPUT_STREAM_STDERR, stderr);
                if (stdinAttached) {
                    stdinClosed.await(20, TimeUnit.SECONDS);
                    synchronized (stdin) {
                        emit(a, OutputStream.OUTPUT_STREAM_STDOUT, stdin.toString());
                    }
                }
                a.onCompleted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StreamObserver<WaitContainerResponse> w = waiter;
        if (w != null && !waitCancelled) {
            w.onNext(WaitContainerResponse.newBuilder().setStatusCode(exitCode).build());
            w.onCompleted();
        }
    }

    private static void emit(StreamObserver<AttachContainerResponse> a, OutputStream s, String text) {
        if (!text.isEmpty()) {
            a.onNext(AttachContainerResponse.newBuilder().setStream(s).setData(ByteString.copyFromUtf8(text)).build());
        }
    }
}
