package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.ExceptionMappingInterceptor;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.StdinConnection;
import io.berth.engine.service.MockedEngineAccess;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.types.v1.StringList;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** AttachContainer's stdin messages over gRPC, with conmon (launcher and attach socket) mocked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachStdinGrpcTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;
    private Server server;
    private ManagedChannel channel;
    private final StdinConnection conn = mock(StdinConnection.class);

    @BeforeEach
    void setUp() throws Exception {
        m = new MockedEngineAccess(tmp);
        when(m.attachSockets.connect(any())).thenReturn(conn);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(ServerInterceptors.intercept(
                m.get(ContainersGrpcService.class), new ExceptionMappingInterceptor())).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void tearDown() {
        channel.shutdownNow();
        server.shutdownNow();
        m.close();
    }

    private String create(boolean openStdin, boolean tty) {
        return ContainersGrpc.newBlockingStub(channel).createContainer(CreateContainerRequest.newBuilder()
                .setConfig(ContainerConfig.newBuilder().setImage(MockedEngineAccess.IMAGE).setTty(tty)
                        .setAttachStdin(openStdin).setOpenStdin(openStdin).setStdinOnce(openStdin)
                        .setCmd(StringList.newBuilder().addValues("cat")))
                .build()).getId();
    }

    /** Opens an attach call; responses (and the end) land in {@code got}. */
    private ClientCallStreamObserver<AttachContainerRequest> attach(String id, boolean stdin,
                                                                    BlockingQueue<Object> got) throws Exception {
        return attach(id, stdin, got, "");
    }

    private ClientCallStreamObserver<AttachContainerRequest> attach(String id, boolean stdin, BlockingQueue<Object> got,
                                                                    String detachKeys) throws Exception {
        QueueingObserver<AttachContainerRequest, AttachContainerResponse> observer = new QueueingObserver<>(got);
        ContainersGrpc.newStub(channel).attachContainer(observer);
        ClientCallStreamObserver<AttachContainerRequest> req = observer.requests().get();
        req.onNext(AttachContainerRequest.newBuilder().setId(id).setStdin(stdin).setStdout(true).setStderr(true)
                .setStream(true).setDetachKeys(detachKeys).build());
        assertTrue(((AttachContainerResponse) got.poll(10, TimeUnit.SECONDS)).getAttached());
        return req;
    }

    private static AttachContainerRequest data(String s) {
        return AttachContainerRequest.newBuilder().setStdinData(ByteString.copyFromUtf8(s)).build();
    }

    private void awaitSessions(String id) throws Exception {
        var stdin = m.get(ContainerIo.class).stdin(m.get(ContainerStore.class).get(id));
        for (CompletableFuture<Void> f : stdin.pending()) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void attach_stdinDataAndCloseBeforeStart_reachConmonInOrderAfterStart() throws Exception {
        String id = create(true, false);
        StreamObserver<AttachContainerRequest> req = attach(id, true, new LinkedBlockingQueue<>());
        req.onNext(data("hello\n"));
        req.onNext(data("world\n"));
        req.onNext(AttachContainerRequest.newBuilder().setStdinClose(true).build());
        verify(m.attachSockets, never()).connect(any());

        m.startRunning(id);
        awaitSessions(id);

        InOrder order = inOrder(m.attachSockets, conn);
        order.verify(m.attachSockets).connect(m.config.bundle(id));
        order.verify(conn).write(b("hello\n"));
        order.verify(conn).write(b("world\n"));
        order.verify(conn).close();
    }

    @Test
    void attach_withoutStdinFlag_dropsStdinData() throws Exception {
        String id = create(true, false);
        StreamObserver<AttachContainerRequest> req = attach(id, false, new LinkedBlockingQueue<>());
        req.onNext(data("ignored\n"));
        req.onCompleted();

        m.startRunning(id);

        verify(m.attachSockets, never()).connect(any());
        assertTrue(m.get(ContainerIo.class).stdin(m.get(ContainerStore.class).get(id)).pending().isEmpty());
    }

    @Test
    void attach_cancelledBeforeStart_dropsStdinAndClosesTheStdinOnceItRuns() throws Exception {
        String id = create(true, false);
        ClientCallStreamObserver<AttachContainerRequest> req = attach(id, true, new LinkedBlockingQueue<>());
        req.onNext(data("lost\n"));

        req.cancel("client went away", null);
        m.startRunning(id);
        awaitSessions(id);

        InOrder order = inOrder(m.attachSockets, conn);
        order.verify(m.attachSockets).connect(m.config.bundle(id));
        order.verify(conn).close();
        verify(conn, never()).write(any());
    }

    @Test
    void attach_tty_detachKeysAreNotForwardedAndEndTheAttach() throws Exception {
        String id = create(true, true);
        m.startRunning(id);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = attach(id, true, got);
        req.onNext(data("ls\r\u0010"));
        req.onNext(data("\u0011after"));

        assertEquals("completed", got.poll(10, TimeUnit.SECONDS));
        awaitSessions(id);
        InOrder order = inOrder(conn);
        order.verify(conn).write(b("ls\r"));
        order.verify(conn).close();
        verify(conn, never()).write(b("after"));
        verify(m.events).publish(eq("container"), eq("detach"), eq(id), any(), anyLong());
    }

    @Test
    void attach_tty_customDetachKeysAndAFalseStartPassThrough() throws Exception {
        String id = create(true, true);
        m.startRunning(id);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = attach(id, true, got, "ctrl-x,a");
        req.onNext(data("\u0018b\u0010\u0011"));
        req.onNext(data("\u0018a"));

        assertEquals("completed", got.poll(10, TimeUnit.SECONDS));
        awaitSessions(id);
        verify(conn).write(b("\u0018b\u0010\u0011"));
        verify(conn, never()).write(b("\u0018a"));
    }

    @Test
    void attach_ttyStdinEof_endsTheAttachWithoutDetachEvent() throws Exception {
        String id = create(true, true);
        m.startRunning(id);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = attach(id, true, got);
        req.onNext(data("echo hi\r"));
        req.onNext(AttachContainerRequest.newBuilder().setStdinClose(true).build());

        assertEquals("completed", got.poll(10, TimeUnit.SECONDS));
        awaitSessions(id);
        verify(conn).write(b("echo hi\r"));
        verify(m.events, never()).publish(eq("container"), eq("detach"), any(), any(), anyLong());
    }

    @Test
    void attach_withoutTty_detachKeysAreJustStdin() throws Exception {
        String id = create(true, false);
        m.startRunning(id);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = attach(id, true, got);
        req.onNext(data("\u0010\u0011"));
        req.onCompleted();

        awaitSessions(id);
        verify(conn).write(b("\u0010\u0011"));
        assertTrue(got.poll(200, TimeUnit.MILLISECONDS) == null, "a non-TTY attach runs until the container stops");
    }

    @Test
    void attach_badDetachKeys_invalidArgumentAsDockerd() throws Exception {
        String id = create(true, true);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = ContainersGrpc.newStub(channel).attachContainer(
                new QueueingObserver<AttachContainerRequest, AttachContainerResponse>(got));
        req.onNext(AttachContainerRequest.newBuilder().setId(id).setStdin(true).setStream(true)
                .setDetachKeys("ctrl-p,ctrl-").build());

        StatusRuntimeException e = (StatusRuntimeException) got.poll(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("Invalid detach keys (ctrl-p,ctrl-) provided", e.getStatus().getDescription());
        verify(m.events, never()).publish(eq("container"), eq("attach"), any(), any(), anyLong());
    }
}
