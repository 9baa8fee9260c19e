package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
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
import io.grpc.stub.ClientResponseObserver;
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
        CompletableFuture<ClientCallStreamObserver<AttachContainerRequest>> call = new CompletableFuture<>();
        ContainersGrpc.newStub(channel).attachContainer(
                new ClientResponseObserver<AttachContainerRequest, AttachContainerResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<AttachContainerRequest> requests) {
                        call.complete(requests);
                    }

                    @Override
                    public void onNext(AttachContainerResponse r) {
                        got.add(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                        got.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        got.add("completed");
                    }
                });
        ClientCallStreamObserver<AttachContainerRequest> req = call.get();
        req.onNext(AttachContainerRequest.newBuilder().setId(id).setStdin(stdin).setStdout(true).setStderr(true)
                .setStream(true).build());
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
    void create_tty_unimplementedWithAClearMessage() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> create(true, true));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertEquals("berth does not support TTY containers yet (docker run -t); run without -t",
                e.getStatus().getDescription());
    }
}
