package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.service.ContainerExitHandler;
import io.berth.engine.service.ContainerStdin;
import io.berth.engine.service.ContainerStreams;
import io.berth.engine.service.MockedEngineAccess;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AttachCall against a response stream whose readiness the test controls, like a slow gRPC client. */
class AttachCallTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;

    @BeforeEach
    void setUp() {
        m = new MockedEngineAccess(tmp);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    /** A server call stream that is ready only while fewer than {@code window} messages are unconsumed. */
    private static final class SlowClient extends ServerCallStreamObserver<AttachContainerResponse> {
        final List<AttachContainerResponse> messages = new ArrayList<>();
        int window = 2;
        int consumed;
        boolean completed;
        Runnable onReady = () -> { };

        @Override
        public boolean isReady() {
            return messages.size() - consumed < window;
        }

        /** The client reads everything it got; gRPC then signals readiness. */
        void consumeAll() {
            consumed = messages.size();
            onReady.run();
        }

        @Override
        public void onNext(AttachContainerResponse value) {
            messages.add(value);
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void onCompleted() {
            completed = true;
        }

        @Override
        public void setOnReadyHandler(Runnable r) {
            onReady = r;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable r) {
        }

        @Override
        public void setCompression(String c) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void request(int n) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }
    }

    @Test
    void attach_largeLogSlowClient_sendsOnlyWhatTheClientCanTake_thenEverythingCoalescedInOrder() throws Exception {
        ContainerRecord r = m.startRunning(m.create("big", null, false));
        StringBuilder k8s = new StringBuilder();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            k8s.append("2026-11-29T09:09:56.1Z stdout F y").append(i).append('\n');
            expected.writeBytes(("y" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        m.conmonWrites(r.id(), k8s.toString());
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        SlowClient client = new SlowClient();

        AttachCall call = new AttachCall(m.get(ContainerStreams.class), m.get(ContainerStdin.class), client);
        call.onNext(AttachContainerRequest.newBuilder().setId("big").setStdout(true).setLogs(true).build());

        assertTrue(client.messages.get(0).getAttached());
        int sentBeforeReading = client.messages.size();
        assertTrue(sentBeforeReading <= 4, "messages pushed to a client that reads nothing: " + sentBeforeReading);
        int turns = 0;
        while (!client.completed && turns++ < 10_000) {
            client.consumeAll();
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (AttachContainerResponse msg : client.messages.subList(1, client.messages.size())) {
            assertEquals(OutputStream.OUTPUT_STREAM_STDOUT, msg.getStream());
            assertTrue(msg.getData().size() <= AttachCall.MAX_MESSAGE_BYTES);
            msg.getData().writeTo(got);
        }
        assertTrue(client.completed);
        assertEquals(expected.toString(StandardCharsets.UTF_8), got.toString(StandardCharsets.UTF_8));
        assertTrue(client.messages.size() < 1000, "output coalesced: " + client.messages.size() + " messages");
    }

    @Test
    void attach_binaryOutput_arrivesByteForByte() throws Exception {
        ContainerRecord r = m.create("bin", null, false);
        SlowClient client = new SlowClient();
        client.window = Integer.MAX_VALUE;
        AttachCall call = new AttachCall(m.get(ContainerStreams.class), m.get(ContainerStdin.class), client);
        call.onNext(AttachContainerRequest.newBuilder().setId("bin").setStdout(true).setStream(true).build());

        m.startRunning(r.id());
        byte[] bin = {0, 1, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 'x'};
        ByteArrayOutputStream k8s = new ByteArrayOutputStream();
        k8s.writeBytes("2026-11-29T09:09:56.1Z stdout P ".getBytes(StandardCharsets.US_ASCII));
        k8s.writeBytes(bin);
        k8s.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        java.nio.file.Files.write(java.nio.file.Path.of(r.logPath()), k8s.toByteArray());
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);
        for (int i = 0; i < 200 && client.messages.size() < 2; i++) {
            Thread.sleep(10); // the last drain runs on the pump's own thread after the exit
        }

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        client.messages.subList(1, client.messages.size()).forEach(msg -> got.writeBytes(msg.getData().toByteArray()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(bin, got.toByteArray());
        assertTrue(client.completed);
    }

    @Test
    void attach_stoppedContainer_getsTheOutputOfItsNextRun() throws Exception {
        ContainerRecord r = m.startRunning(m.create("again", null, false));
        m.conmonWrites(r.id(), "2026-11-29T09:09:56.1Z stdout F first\n");
        m.get(ContainerExitHandler.class).onExit(r.id(), 3);
        SlowClient client = new SlowClient();
        client.window = Integer.MAX_VALUE;
        AttachCall call = new AttachCall(m.get(ContainerStreams.class), m.get(ContainerStdin.class), client);
        call.onNext(AttachContainerRequest.newBuilder().setId("again").setStdout(true).setStream(true).build());
        assertEquals(1, client.messages.size());
        assertTrue(!client.completed, "waits for the next run");

        m.startRunning(r.id());
        m.conmonWrites(r.id(), "2026-11-29T09:09:57.1Z stdout F second\n");
        m.get(ContainerExitHandler.class).onExit(r.id(), 0);

        assertEquals(2, client.messages.size());
        assertEquals("second\n", client.messages.get(1).getData().toStringUtf8());
        assertTrue(client.completed);
    }
}
