package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.testing.FakeBidiStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ContainerStreamsRouterTest {
    static final String ID = "e58bc5" + "0".repeat(58);

    @Mock
    ContainersBackend backend;

    static InspectContainerResponse inspect(boolean tty) {
        return InspectContainerResponse.newBuilder().setContainer(Container.newBuilder().setId(ID)
                .setConfig(ContainerConfig.newBuilder().setTty(tty))).build();
    }

    static ContainerLogsResponse entry(OutputStream s, String text, long timeNano) {
        return ContainerLogsResponse.newBuilder().setStream(s).setData(ByteString.copyFromUtf8(text))
                .setTimeNano(timeNano).build();
    }

    @Test
    void getContainersLogs_framesEachEntryWithoutContentType() throws Exception {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("cap1").build())).thenReturn(inspect(false));
        when(backend.logs(any())).thenReturn(ResponseStream.of(
                entry(OutputStream.OUTPUT_STREAM_STDERR, "err0\n", 1), entry(OutputStream.OUTPUT_STREAM_STDOUT, "line0\n", 2)));
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).getContainersLogs(Requests.get("/x").param("id", "cap1")
                .query("stdout", "1").query("stderr", "1").query("tail", "all").build(), ex);
        ArgumentCaptor<ContainerLogsRequest> req = ArgumentCaptor.forClass(ContainerLogsRequest.class);
        verify(backend).logs(req.capture());
        assertEquals(ID, req.getValue().getId());
        assertEquals(-1, req.getValue().getTail());
        assertTrue(req.getValue().getStdout() && req.getValue().getStderr());
        assertEquals(200, ex.status.code());
        assertEquals(null, ex.contentType);
        assertEquals(2, ex.chunks.size());
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 5, 'e', 'r', 'r', '0', '\n'}, ex.chunks.get(0));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 6, 'l', 'i', 'n', 'e', '0', '\n'}, ex.chunks.get(1));
        assertTrue(ex.ended);
    }

    @Test
    void getContainersLogs_entriesAlreadyReceived_sentTogetherInOneChunk() throws Exception {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("cap1").build())).thenReturn(inspect(false));
        java.util.Deque<ContainerLogsResponse> items = new java.util.ArrayDeque<>(java.util.List.of(
                entry(OutputStream.OUTPUT_STREAM_STDOUT, "a\n", 1), entry(OutputStream.OUTPUT_STREAM_STDERR, "b\n", 2),
                entry(OutputStream.OUTPUT_STREAM_STDOUT, "c\n", 3)));
        when(backend.logs(any())).thenReturn(new ResponseStream<>() {
            @Override
            public ContainerLogsResponse next() {
                return items.poll();
            }

            @Override
            public boolean hasBuffered() {
                return items.size() > 1;
            }

            @Override
            public void close() {
            }
        });
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).getContainersLogs(Requests.get("/x").param("id", "cap1")
                .query("stdout", "1").query("stderr", "1").build(), ex);

        assertEquals(2, ex.chunks.size());
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 2, 'a', '\n', 2, 0, 0, 0, 0, 0, 0, 2, 'b', '\n'},
                ex.chunks.get(0));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 2, 'c', '\n'}, ex.chunks.get(1));
        assertTrue(ex.ended);
    }

    @Test
    void getContainersLogs_timestampsPrefixEntryInsideFrame() throws Exception {
        long t = Instant.parse("2026-11-29T09:09:56Z").getEpochSecond() * 1_000_000_000L + 271_361_124L;
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("cap1").build())).thenReturn(inspect(false));
        when(backend.logs(any())).thenReturn(ResponseStream.of(entry(OutputStream.OUTPUT_STREAM_STDOUT, "line12\n", t)));
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).getContainersLogs(Requests.get("/x").param("id", "cap1")
                .query("stdout", "1").query("tail", "2").query("timestamps", "1").build(), ex);
        byte[] frame = ex.chunks.get(0);
        assertEquals(38, frame[7]);
        assertEquals("2026-11-29T09:09:56.271361124Z line12\n",
                new String(frame, 8, frame.length - 8, StandardCharsets.UTF_8));
    }

    @Test
    void getContainersLogs_ttyContainer_isRaw() throws Exception {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("t").build())).thenReturn(inspect(true));
        when(backend.logs(any())).thenReturn(ResponseStream.of(entry(OutputStream.OUTPUT_STREAM_STDOUT, "tty-ok\r\n", 1)));
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).getContainersLogs(Requests.get("/x").param("id", "t")
                .query("stdout", "1").build(), ex);
        assertEquals("tty-ok\r\n", ex.text());
    }

    @Test
    void getContainersLogs_noStream_isBadRequest() {
        assertThrows(InvalidArgumentException.class, () -> new ContainerStreamsRouter(backend).getContainersLogs(
                Requests.get("/x").param("id", "t").build(), new RecordingExchange()));
    }

    @Test
    void getContainersLogs_unknownContainer_failsBeforeHeaders() {
        when(backend.inspect(InspectContainerRequest.newBuilder().setId("nope").build()))
                .thenThrow(new NotFoundException("No such container: nope"));
        RecordingExchange ex = new RecordingExchange();
        assertThrows(NotFoundException.class, () -> new ContainerStreamsRouter(backend).getContainersLogs(
                Requests.get("/x").param("id", "nope").query("stdout", "1").build(), ex));
        assertFalse(ex.responseStarted());
    }

    @Test
    void postContainersAttach_hijacksAfterAttachedThenFramesAndForwardsStdin() throws Exception {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(backend.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).build(),
                AttachContainerResponse.newBuilder().setStream(OutputStream.OUTPUT_STREAM_STDOUT)
                        .setData(ByteString.copyFromUtf8("out\n")).build(),
                AttachContainerResponse.newBuilder().setStream(OutputStream.OUTPUT_STREAM_STDERR)
                        .setData(ByteString.copyFromUtf8("err\n")).build()).complete();
        ApiRequest req = Requests.post("/x").param("id", "web").query("stdout", "1").query("stderr", "1")
                .query("stdin", "1").query("stream", "1").build();
        req.headers().set("Connection", "Upgrade").set("Upgrade", "tcp");
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).postContainersAttach(req, ex);

        AttachContainerRequest first = call.sent.get(0);
        assertEquals("web", first.getId());
        assertTrue(first.getStdout() && first.getStderr() && first.getStdin() && first.getStream());
        assertEquals(List.of("hijack", "raw", "raw", "close"), ex.events);
        assertTrue(ex.upgraded);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 4, 'o', 'u', 't', '\n'}, ex.chunks.get(0));
        assertEquals(2, ex.chunks.get(1)[0]);

        ex.rawInput.onData("piped\n".getBytes(StandardCharsets.UTF_8));
        ex.rawInput.onInputClosed();
        assertEquals("piped\n", call.sent.get(1).getStdinData().toStringUtf8());
        assertTrue(call.sent.get(2).getStdinClose());
    }

    @Test
    void postContainersAttach_withoutUpgradeHeaders_answers200RawAndIgnoresStdinWhenNotAsked() throws Exception {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(backend.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).setTty(true).build(),
                AttachContainerResponse.newBuilder().setData(ByteString.copyFromUtf8("raw\r\n")).build()).complete();
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).postContainersAttach(
                Requests.post("/x").param("id", "web").query("stdout", "1").build(), ex);
        assertFalse(ex.upgraded);
        assertEquals("raw\r\n", ex.text());
        ex.rawInput.onData(new byte[] {1});
        assertEquals(1, call.sent.size());
    }

    @Test
    void postContainersAttach_unknownContainer_dockerdsRawErrorInsteadOfHijack() throws Exception {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(backend.attach()).thenReturn(call);
        call.fail(new NotFoundException("No such container: nope"));
        RecordingExchange ex = new RecordingExchange();
        new ContainerStreamsRouter(backend).postContainersAttach(
                Requests.post("/x").param("id", "nope").query("stdout", "1").build(), ex);
        assertFalse(ex.hijacked);
        assertEquals(404, ex.status.code());
        assertEquals("application/vnd.docker.raw-stream", ex.contentType);
        assertEquals("No such container: nope\r\n", new String(ex.body, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(call.closed);
    }

    @Test
    void tail_followsDockerdRule() {
        assertEquals(-1, ContainerStreamsRouter.tail("all"));
        assertEquals(-1, ContainerStreamsRouter.tail(""));
        assertEquals(0, ContainerStreamsRouter.tail("0"));
        assertEquals(2, ContainerStreamsRouter.tail("2"));
    }
}
