package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.gateway.testing.FakeBidiStream;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The HTTP layer end to end on an {@link EmbeddedChannel}, handlers run inline. */
@ExtendWith(MockitoExtension.class)
class DispatchHandlerTest {
    @Mock
    SystemBackend system;
    @Mock
    ContainersBackend containers;
    EmbeddedChannel ch;

    @BeforeEach
    void channel() {
        RouteTable routes = new RouteTable(Set.of(
                new SystemRouter(system, Clock.systemUTC()),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), Clock.systemUTC()),
                new ContainerStreamsRouter(containers)));
        ch = new EmbeddedChannel(new GatewayChannelInitializer(routes, (Runnable r) -> r.run()));
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
    }

    @Test
    void ping_isAnsweredOnTheEventLoop_otherRoutesGoToTheWorkers() {
        RouteTable routes = new RouteTable(Set.of(new SystemRouter(system, Clock.systemUTC())));
        List<Runnable> handedToWorkers = new ArrayList<>();
        ch.finishAndReleaseAll();
        ch = new EmbeddedChannel(new GatewayChannelInitializer(routes, handedToWorkers::add));

        String ping = sendText("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        assertTrue(ping.startsWith("HTTP/1.1 200 OK"), ping);
        assertTrue(ping.endsWith("\r\n\r\nOK"), ping);
        assertTrue(handedToWorkers.isEmpty());

        assertTrue(send("GET /version HTTP/1.1\r\nHost: d\r\n\r\n").isEmpty(), "answered by a worker, not yet run");
        assertEquals(1, handedToWorkers.size());
    }

    private List<byte[]> send(String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        List<byte[]> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            if (b.isReadable()) {
                out.add(ByteBufUtil.getBytes(b));
            }
            b.release();
        }
        return out;
    }

    private String sendText(String request) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        send(request).forEach(all::writeBytes);
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void routedRequests_reportTheirRouteTemplateAndDuration_unroutedOnesNothing() {
        List<String> timed = new ArrayList<>();
        RouteTable routes = new RouteTable(Set.of(new SystemRouter(system, Clock.systemUTC())));
        EmbeddedChannel timedChannel = new EmbeddedChannel(new io.netty.handler.codec.http.HttpServerCodec(),
                new DispatchHandler(routes, Runnable::run, (method, endpoint, nanos) -> {
                    assertTrue(nanos >= 0);
                    timed.add(method + " " + endpoint);
                }));
        try {
            timedChannel.writeInbound(Unpooled.copiedBuffer("GET /v1.41/_ping HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /v1.41/nosuch/route HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1));
            timedChannel.runPendingTasks();
            assertEquals(List.of("GET /_ping"), timed);
        } finally {
            timedChannel.finishAndReleaseAll();
        }
    }

    @Test
    void ping_unprefixedHead_hasStandardAndNoCacheHeadersAndNoBody() {
        String r = sendText("HEAD /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        String h = r.toLowerCase();
        assertTrue(h.contains("api-version: 1.41\r\n"), r);
        assertTrue(h.contains("docker-experimental: false\r\n"), r);
        assertTrue(h.contains("ostype: linux\r\n"), r);
        assertTrue(h.contains("server: berth/"), r);
        assertTrue(h.contains("cache-control: no-cache, no-store, must-revalidate\r\n"), r);
        assertTrue(h.contains("pragma: no-cache\r\n"), r);
        assertTrue(h.contains("content-type: text/plain; charset=utf-8\r\n"), r);
        assertTrue(h.contains("content-length: 0\r\n"), r);
        assertEquals("", body(r));
    }

    @Test
    void ping_versionedGet_answersOk() {
        String r = sendText("GET /v1.41/_ping HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
        assertEquals("OK", body(r));
    }

    @Test
    void version_tooNew_is400JsonWithDockerdMessage() {
        String r = sendText("GET /v1.50/version HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
        assertTrue(r.toLowerCase().contains("content-type: application/json\r\n"), r);
        assertEquals("{\"message\":\"client version 1.50 is too new. Maximum supported API version is 1.41\"}\n",
                body(r));
    }

    @Test
    void version_tooOld_is400PlainText() {
        String r = sendText("GET /v1.11/version HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
        assertTrue(r.toLowerCase().contains("content-type: text/plain"), r);
        assertTrue(body(r).startsWith("client version 1.11 is too old. Minimum supported API version is 1.12"), r);
    }

    @Test
    void unknownRoute_is404PageNotFound() {
        String r = sendText("GET /v1.41/nope HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 404 Not Found"), r);
        assertEquals("{\"message\":\"page not found\"}\n", body(r));
    }

    @Test
    void backendError_keepsCategoryAndMessage() {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId("nonexist-cap").build()))
                .thenThrow(new NotFoundException("No such container: nonexist-cap"));
        String r = sendText("GET /v1.41/containers/nonexist-cap/json HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 404 Not Found"), r);
        assertTrue(r.toLowerCase().contains("content-type: application/json\r\n"), r);
        assertTrue(r.toLowerCase().contains("api-version: 1.41\r\n"), r);
        assertEquals("{\"message\":\"No such container: nonexist-cap\"}\n", body(r));
    }

    @Test
    void malformedJson_is400() {
        String json = "{\"Image\":";
        String r = sendText("POST /v1.41/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length() + "\r\n\r\n" + json);
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
        assertEquals("{\"message\":\"unexpected EOF\"}\n", body(r), r); // Go's json.Decoder, as dockerd
    }

    @Test
    void keepAlive_pipelinedRequests_areAnsweredInOrder() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\nGET /v1.41/nope HTTP/1.1\r\nHost: x\r\n\r\n");
        int first = r.indexOf("HTTP/1.1 200 OK");
        int second = r.indexOf("HTTP/1.1 404 Not Found");
        assertTrue(first >= 0 && second > first, r);
        assertTrue(ch.isOpen());
    }

    @Test
    void connectionClose_closesAfterResponse() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
        assertFalse(ch.isOpen());
    }

    @Test
    void wait_isChunkedWithResultAsLastChunk() {
        when(containers.waitContainer(any())).thenReturn(ResponseStream.of(
                WaitContainerResponse.newBuilder().setRegistered(true).build(),
                WaitContainerResponse.newBuilder().setStatusCode(7).build()));
        String r = sendText("POST /v1.41/containers/capw/wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
        assertTrue(r.toLowerCase().contains("transfer-encoding: chunked\r\n"), r);
        assertTrue(r.toLowerCase().contains("content-type: application/json\r\n"), r);
        assertEquals("1e\r\n{\"Error\":null,\"StatusCode\":7}\n\r\n0\r\n\r\n", body(r));
    }

    @Test
    void logs_oneStdcopyFramePerChunkAndNoContentType() {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId("cap1").build()))
                .thenReturn(InspectContainerResponse.newBuilder()
                .setContainer(Container.newBuilder().setId("e58bc5").setConfig(ContainerConfig.getDefaultInstance()))
                .build());
        when(containers.logs(any())).thenReturn(ResponseStream.of(ContainerLogsResponse.newBuilder()
                .setStream(OutputStream.OUTPUT_STREAM_STDERR).setData(ByteString.copyFromUtf8("err0\n")).build()));
        String r = sendText("GET /v1.41/containers/cap1/logs?stderr=1&stdout=1&tail=all HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
        assertFalse(r.toLowerCase().contains("content-type"), r);
        assertEquals("d\r\n\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0005err0\n\r\n0\r\n\r\n", body(r));
    }

    @Test
    void attach_upgrade_sends101AloneThenRawFramesThenCloses() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).build(),
                AttachContainerResponse.newBuilder().setStream(OutputStream.OUTPUT_STREAM_STDOUT)
                        .setData(ByteString.copyFromUtf8("hello\n")).build()).complete();
        List<byte[]> out = send("POST /v1.41/containers/669a25/attach?stderr=1&stdout=1&stream=1 HTTP/1.1\r\n"
                + "Host: x\r\nUpgrade: tcp\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\n\r\n");
        String headers = new String(out.get(0), StandardCharsets.ISO_8859_1);
        assertTrue(headers.startsWith("HTTP/1.1 101 UPGRADED\r\n"), headers);
        assertTrue(headers.endsWith("\r\n\r\n"), "headers are written alone: " + headers);
        String h = headers.toLowerCase();
        assertTrue(h.contains("content-type: application/vnd.docker.raw-stream\r\n"), headers);
        assertTrue(h.contains("connection: upgrade\r\n"), headers);
        assertTrue(h.contains("upgrade: tcp\r\n"), headers);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 6, 'h', 'e', 'l', 'l', 'o', '\n'}, out.get(1));
        assertEquals(2, out.size());
        assertNull(ch.pipeline().get(GatewayChannelInitializer.CODEC));
        assertFalse(ch.isOpen());
        assertEquals("669a25", call.sent.get(0).getId());
    }

    @Test
    void attach_unknownContainer_isDockerdsRaw404AndCloses() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.fail(new NotFoundException("No such container: nope"));
        String r = sendText("POST /v1.41/containers/nope/attach?stdout=1&stream=1 HTTP/1.1\r\n"
                + "Host: x\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n");
        assertEquals("HTTP/1.1 404 Not Found\r\ncontent-type: application/vnd.docker.raw-stream\r\n\r\n"
                + "No such container: nope\r\n", r);
        assertFalse(ch.isOpen());
    }

    @Test
    void attachWs_handshakeThenBinaryFramesBothWaysThenCloseHandshake() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).setTty(true).build(),
                AttachContainerResponse.newBuilder().setTty(true).setData(ByteString.copyFromUtf8("hi")).build())
                .complete();
        List<byte[]> out = send("GET /v1.41/containers/c1/attach/ws?stream=1 HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        String headers = new String(out.get(0), StandardCharsets.ISO_8859_1);
        assertTrue(headers.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), headers);
        assertTrue(headers.toLowerCase().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=\r\n"), headers);
        assertArrayEquals(new byte[] {(byte) 0x82, 2, 'h', 'i'}, out.get(1), "one binary frame (API >= 1.28)");
        assertEquals((byte) 0x88, out.get(2)[0], "then a close frame");
        assertEquals(3, out.get(2)[2]);
        assertEquals((byte) 0xe8, out.get(2)[3], "status 1000");
        assertTrue(ch.isOpen(), "open until the client answers the close frame");
        AttachContainerRequest first = call.sent.get(0);
        assertTrue(first.getStdin() && first.getStdout() && first.getStderr() && first.getStream(), first.toString());

        send(new String(new byte[] {(byte) 0x82, (byte) 0x82, 0, 0, 0, 0, 'l', 's'}, StandardCharsets.ISO_8859_1));
        assertEquals("ls", call.sent.get(1).getStdinData().toStringUtf8(), "client frames are stdin");
        send(new String(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 3, (byte) 0xe8}, StandardCharsets.ISO_8859_1));
        assertFalse(ch.isOpen(), "closed once the client answered");
    }

    @Test
    void attachWs_oldApiVersion_textFrames() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).build(),
                AttachContainerResponse.newBuilder().setData(ByteString.copyFromUtf8("hi")).build()).complete();
        List<byte[]> out = send("GET /v1.27/containers/c1/attach/ws?stream=1 HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, out.get(1), "a text frame, never stdcopy");
    }

    @Test
    void attachWs_unknownContainer_isAJson404BeforeTheHandshake() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.fail(new NotFoundException("No such container: nope"));
        String r = sendText("GET /v1.41/containers/nope/attach/ws?stream=1 HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 404 Not Found"), r);
        assertEquals("{\"message\":\"No such container: nope\"}\n", body(r));
    }

    @Test
    void attachWs_handshakeWithoutKeyAndVersion_isA400NotAHang() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.respond(AttachContainerResponse.newBuilder().setAttached(true).build()).complete();
        String r = sendText("GET /v1.41/containers/c1/attach/ws?stream=1 HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
    }

    @Test
    void attach_badDetachKeys_isDockerdsRaw400() {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        call.fail(new io.berth.common.errors.InvalidArgumentException("Invalid detach keys (ctrl-) provided"));
        String r = sendText("POST /v1.41/containers/c1/attach?stdin=1&stream=1&detachKeys=ctrl- HTTP/1.1\r\n"
                + "Host: x\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
        assertTrue(r.endsWith("\r\n\r\nInvalid detach keys (ctrl-) provided\r\n"), r);
        assertEquals("ctrl-", call.sent.get(0).getDetachKeys());
    }

    @Test
    void resize_passesHeightAndWidthAndAnswers200Empty() {
        String r = sendText("POST /v1.41/containers/c1/resize?h=40&w=120 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        assertTrue(r.toLowerCase().contains("content-length: 0\r\n"), r);
        verify(containers).resize(io.berth.proto.engine.v1.ResizeContainerRequest.newBuilder().setId("c1")
                .setHeight(40).setWidth(120).build());
    }

    @Test
    void resize_badHeight_400WithGosAtoiErrorBeforeTheEngine() {
        String r = sendText("POST /v1.41/containers/c1/resize?w=120 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
        assertEquals("{\"message\":\"strconv.Atoi: parsing \\\"\\\": invalid syntax\"}\n", body(r));
        String r2 = sendText("POST /v1.41/containers/c1/resize?h=4x&w=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertEquals("{\"message\":\"strconv.Atoi: parsing \\\"4x\\\": invalid syntax\"}\n", body(r2));
        verify(containers, never()).resize(any());
    }

    @Test
    void resize_notRunning_409() {
        when(containers.resize(any())).thenThrow(new io.berth.common.errors.ConflictException(
                "Container abc is not running"));
        String r = sendText("POST /v1.41/containers/c1/resize?h=1&w=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 409 Conflict"), r);
        assertEquals("{\"message\":\"Container abc is not running\"}\n", body(r));
    }

    @Test
    void chunkedRequestBody_isAggregatedForJsonRoutes() {
        when(containers.create(any())).thenReturn(io.berth.proto.engine.v1.CreateContainerResponse.newBuilder()
                .setId("abc").build());
        String r = sendText("POST /v1.41/containers/create?name=web HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "5\r\n{\"Ima\r\n8\r\nge\":\"x\"}\r\n0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 201 Created"), r);
        assertEquals("{\"Id\":\"abc\",\"Warnings\":[]}\n", body(r));
    }

    private static final String GO_ERROR_HEADERS = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n";

    @Test
    void httpVersionOtherThanOne_is505AsGosServer() {
        String r = sendText("GET /_ping HTTP/9.9\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version" + GO_ERROR_HEADERS
                + "505 HTTP Version Not Supported: unsupported protocol version", r);
        assertFalse(ch.isOpen());
    }

    @Test
    void http11WithoutHost_is400MissingHost() {
        String r = sendText("GET /_ping HTTP/1.1\r\n\r\n");
        assertEquals("HTTP/1.1 400 Bad Request: missing required Host header" + GO_ERROR_HEADERS
                + "400 Bad Request: missing required Host header", r);
    }

    @Test
    void http10WithoutHost_isServed() {
        String r = sendText("GET /_ping HTTP/1.0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK") || r.startsWith("HTTP/1.0 200 OK"), r);
    }

    @Test
    void twoHostHeaders_is400() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request: too many Host headers\r\n"), r);
    }

    @Test
    void badPercentEscapeInPath_is400PlainAndNoHandlerRuns() {
        String r = sendText("GET /containers/%zz/json HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 400 Bad Request" + GO_ERROR_HEADERS + "400 Bad Request", r);
        verify(containers, never()).inspect(any());
    }

    @Test
    void badPercentEscapeInQuery_is400Json() {
        String r = sendText("GET /containers/json?all=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
        assertTrue(body(r).startsWith("{\"message\":\"invalid URL escape in query: all=%zz\"}"), r);
    }

    @Test
    void malformedHeaderLine_is400WithoutJavaNames() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
        assertFalse(r.contains("Exception") || r.contains("java."), r);
    }

    @Test
    void headerOverOneMebibyte_is431() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(GoHttpErrors.MAX_HEADER_BYTES)
                + "\r\n\r\n");
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large" + GO_ERROR_HEADERS
                + "431 Request Header Fields Too Large", r);
    }

    @Test
    void headerUnderTheLimit_isServed() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(512 * 1024) + "\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r.substring(0, Math.min(200, r.length())));
    }

    @Test
    void createWithTextPlainBody_is400AsCheckForJson() {
        String r = sendText("POST /v1.41/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 13\r\n\r\n{\"Image\":\"x\"}");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
        assertEquals("{\"message\":\"Content-Type specified (text/plain) must be 'application/json'\"}\n", body(r));
        verify(containers, never()).create(any());
    }

    @Test
    void createWithBogusPlatform_is400WithContainerdsText() {
        String r = sendText("POST /v1.41/containers/create?platform=bogus/// HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"Image\":\"x\"}");
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
        assertTrue(body(r).contains("is an invalid component of \\\"bogus///\\\""), r);
        verify(containers, never()).create(any());
    }

    @Test
    void headersNotCompleteWithinTheDeadline_closeTheConnection() {
        send("GET /_ping HTTP/1.1\r\nHo");
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(HeaderTimeout.DEFAULT_SECONDS - 1, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen(), "still within the deadline");
        ch.advanceTimeBy(2, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen(), "slow headers end the connection");
    }

    @Test
    void idleKeepAliveConnection_hasNoDeadline() {
        String r = sendText("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK"), r);
        ch.advanceTimeBy(10 * HeaderTimeout.DEFAULT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        assertTrue(sendText("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200 OK"));
    }
}
