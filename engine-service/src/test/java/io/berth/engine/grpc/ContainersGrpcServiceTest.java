package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import io.berth.common.errors.NotFoundException;
import io.berth.common.grpc.ExceptionMappingInterceptor;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.service.ContainerExitHandler;
import io.berth.engine.service.MockedEngineAccess;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.WaitCondition;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.berth.proto.types.v1.StringList;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainersGrpcServiceTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;
    private Server server;
    private ManagedChannel channel;
    private ContainersGrpc.ContainersBlockingStub stub;

    @BeforeEach
    void setUp() throws Exception {
        m = new MockedEngineAccess(tmp);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(ServerInterceptors.intercept(
                m.get(ContainersGrpcService.class), new ExceptionMappingInterceptor())).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = ContainersGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void tearDown() {
        channel.shutdownNow();
        server.shutdownNow();
        m.close();
    }

    private String create(String name, boolean autoRemove) {
        return stub.createContainer(CreateContainerRequest.newBuilder().setName(name)
                .setConfig(ContainerConfig.newBuilder().setImage(MockedEngineAccess.IMAGE)
                        .setCmd(StringList.newBuilder().addValues("echo").addValues("hi")))
                .setHostConfig(io.berth.proto.engine.v1.HostConfig.newBuilder().setAutoRemove(autoRemove))
                .build()).getId();
    }

    @Test
    void createAndInspect_roundTripsDockerFields() {
        String id = create("web", false);

        var c = stub.inspectContainer(InspectContainerRequest.newBuilder().setId("web").build()).getContainer();

        assertEquals(id, c.getId());
        assertEquals("/web", c.getName());
        assertEquals("echo", c.getPath());
        assertEquals(List.of("hi"), c.getArgsList());
        assertEquals(List.of("echo", "hi"), c.getConfig().getCmd().getValuesList());
        assertFalse(c.getConfig().hasEntrypoint());
        assertEquals("created", c.getState().getStatus());
        assertFalse(c.getState().hasStartedAt());
        assertEquals(id.substring(0, 12), c.getConfig().getHostname());
        assertEquals("overlay2", c.getDriver());
    }

    @Test
    void errors_travelWithDockersTextAndCategory() {
        when(m.images.resolve("nope")).thenThrow(new NotFoundException("No such image: nope"));

        StatusRuntimeException noImage = assertThrows(StatusRuntimeException.class, () -> stub.createContainer(
                CreateContainerRequest.newBuilder().setConfig(ContainerConfig.newBuilder().setImage("nope")).build()));
        StatusRuntimeException noContainer = assertThrows(StatusRuntimeException.class,
                () -> stub.inspectContainer(InspectContainerRequest.newBuilder().setId("ghost").build()));
        create("web", false);
        StatusRuntimeException conflict = assertThrows(StatusRuntimeException.class, () -> create("web", false));

        assertEquals(Status.Code.NOT_FOUND, noImage.getStatus().getCode());
        assertEquals("No such image: nope", noImage.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, noContainer.getStatus().getCode());
        assertEquals("No such container: ghost", noContainer.getStatus().getDescription());
        assertEquals(Status.Code.ALREADY_EXISTS, conflict.getStatus().getCode());
    }

    @Test
    void stop_notRunning_answersAlreadyStopped() {
        create("web", false);
        assertTrue(stub.stopContainer(StopContainerRequest.newBuilder().setId("web").build()).getAlreadyStopped());
    }

    @Test
    void list_allFlag_streamsNewestFirst() throws Exception {
        String a = create("aa", false);
        Thread.sleep(5);
        String b = create("bb", false);

        var batches = stub.listContainers(ListContainersRequest.newBuilder().setAll(true).build());
        List<String> ids = new java.util.ArrayList<>();
        batches.forEachRemaining(r -> r.getContainersList().forEach(c -> ids.add(c.getId())));

        assertEquals(List.of(b, a), ids);
        Iterator<?> none = stub.listContainers(ListContainersRequest.getDefaultInstance());
        assertTrue(none.hasNext());
    }

    @Test
    void wait_exitedContainer_registeredThenStatus() {
        String id = create("web", false);
        m.startRunning(id);
        m.get(ContainerExitHandler.class).onExit(id, 7);

        Iterator<WaitContainerResponse> it = stub.waitContainer(WaitContainerRequest.newBuilder().setId("web").build());

        assertTrue(it.next().getRegistered());
        assertEquals(7, it.next().getStatusCode());
        assertFalse(it.hasNext());
    }

    @Test
    void wait_unknownContainer_notFoundBeforeRegistered() {
        Iterator<WaitContainerResponse> it = stub.waitContainer(WaitContainerRequest.newBuilder().setId("x").build());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, it::next);
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void wait_cancelledCall_unregistersWaiter() throws Exception {
        String id = create("web", false);
        Context.CancellableContext ctx = Context.current().withCancellation();
        Iterator<WaitContainerResponse> it = ctx.call(() -> stub.waitContainer(WaitContainerRequest.newBuilder()
                .setId(id).setCondition(WaitCondition.WAIT_CONDITION_NEXT_EXIT).build()));
        assertTrue(it.next().getRegistered());
        var waiters = m.get(ContainerStore.class).get(id).waiters();
        assertEquals(1, waiters.size());

        ctx.cancel(null);

        for (int i = 0; i < 100 && waiters.size() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, waiters.size());
    }

    @Test
    void attach_createdThenStartedAndExited_attachedFirstThenOutputThenEnd() throws Exception {
        String id = create("web", false);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = ContainersGrpc.newStub(channel).attachContainer(
                new QueueingObserver<AttachContainerRequest, AttachContainerResponse>(got));
        req.onNext(AttachContainerRequest.newBuilder().setId(id).setStdout(true).setStderr(true).setStream(true)
                .build());
        assertTrue(((AttachContainerResponse) got.poll(10, TimeUnit.SECONDS)).getAttached());
        req.onNext(AttachContainerRequest.newBuilder().setStdinData(com.google.protobuf.ByteString.copyFromUtf8("x"))
                .build());
        req.onCompleted();

        m.startRunning(id);
        m.conmonWrites(id, "2026-11-29T09:09:56.1Z stdout F hello\n2026-11-29T09:09:56.2Z stderr F oops\n");
        m.get(ContainerExitHandler.class).onExit(id, 0);

        AttachContainerResponse out = (AttachContainerResponse) got.poll(10, TimeUnit.SECONDS);
        AttachContainerResponse err = (AttachContainerResponse) got.poll(10, TimeUnit.SECONDS);
        assertEquals(OutputStream.OUTPUT_STREAM_STDOUT, out.getStream());
        assertEquals("hello\n", out.getData().toStringUtf8());
        assertEquals(OutputStream.OUTPUT_STREAM_STDERR, err.getStream());
        assertEquals("oops\n", err.getData().toStringUtf8());
        assertEquals("completed", got.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void attach_unknownContainer_failsNotFound() throws Exception {
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        StreamObserver<AttachContainerRequest> req = ContainersGrpc.newStub(channel).attachContainer(
                new QueueingObserver<AttachContainerRequest, AttachContainerResponse>(got));
        req.onNext(AttachContainerRequest.newBuilder().setId("ghost").setStream(true).build());

        Object r = got.poll(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.NOT_FOUND, Status.fromThrowable((Throwable) r).getCode());
    }
}
