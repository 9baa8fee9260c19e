package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.images.ImagesRouter;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.gateway.testing.Await;
import io.berth.gateway.testing.FakeBidiStream;
import io.berth.gateway.testing.UnixClient;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.OutputStream;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** The gateway on a real epoll unix socket, driven by a raw client, handlers on real worker threads. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class GatewayServerTest {
    @Mock
    SystemBackend system;
    @Mock
    ContainersBackend containers;
    @Mock
    ImagesBackend images;
    @TempDir
    Path dir;
    Path socket;
    GatewayServer server;
    WorkerPool workers;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("run/docker.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "stale");
        workers = new WorkerPool();
        RouteTable routes = new RouteTable(Set.of(
                new SystemRouter(system, Clock.systemUTC()),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), Clock.systemUTC()),
                new ContainerStreamsRouter(containers),
                new ImagesRouter(images, workers)));
        server = new GatewayServer(new GatewayChannelInitializer(routes, workers));
        server.start(List.of(socket));
    }

    @AfterEach
    void stop() {
        server.close();
        workers.close();
    }

    @Test
    void start_replacesStaleFileWithSocketMode0660_andCloseRemovesIt() throws Exception {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertFalse(Files.isRegularFile(socket));
        try (UnixClient c = new UnixClient(socket)) {
            c.write("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            assertEquals("OK", new String(c.readExactly(2), StandardCharsets.US_ASCII));
        }
        server.close();
        assertFalse(Files.exists(socket));
    }

    @Test
    void attach_hijack_streamsFramesForwardsStdinAndHalfClose() throws Exception {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        try (UnixClient c = new UnixClient(socket)) {
            c.write("POST /v1.41/containers/abc/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Upgrade: tcp\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\n\r\n");
            Await.until("attach options sent", () -> call.sent.size() == 1);
            call.respond(AttachContainerResponse.newBuilder().setAttached(true).build());
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED\r\n"), head);

            c.write("piped\n");
            c.shutdownOutput();
            Await.until("stdin and its EOF forwarded", () -> call.sent.size() == 3);
            assertEquals("piped\n", call.sent.get(1).getStdinData().toStringUtf8());
            assertTrue(call.sent.get(2).getStdinClose());

            call.respond(AttachContainerResponse.newBuilder().setStream(OutputStream.OUTPUT_STREAM_STDOUT)
                    .setData(ByteString.copyFromUtf8("piped\n")).build()).complete();
            assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 6, 'p', 'i', 'p', 'e', 'd', '\n'}, c.readToEof());
        }
    }

    @Test
    void attach_clientHalfClosesThenReadsSlowly_getsEveryByteOfLargeOutput() throws Exception {
        FakeBidiStream<AttachContainerRequest, AttachContainerResponse> call = new FakeBidiStream<>();
        when(containers.attach()).thenReturn(call);
        int frames = 512;
        int size = 16 * 1024;
        try (UnixClient c = new UnixClient(socket)) {
            c.write("POST /v1.41/containers/abc/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Upgrade: tcp\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\n\r\n");
            Await.until("attach options sent", () -> call.sent.size() == 1);
            call.respond(AttachContainerResponse.newBuilder().setAttached(true).build());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101 UPGRADED\r\n"));
            c.shutdownOutput();
            Await.until("the half-close was seen", () -> call.sent.size() == 2);
            byte[] data = new byte[size];
            for (int i = 0; i < frames; i++) {
                java.util.Arrays.fill(data, (byte) i);
                call.respond(AttachContainerResponse.newBuilder().setStream(OutputStream.OUTPUT_STREAM_STDOUT)
                        .setData(ByteString.copyFrom(data)).build());
            }
            call.complete();
            byte[] got = c.readToEof();
            assertEquals(frames * (8 + size), got.length, "bytes received after the half-close");
            for (int i = 0; i < frames; i++) {
                assertEquals((byte) i, got[i * (8 + size) + 8 + size - 1], "last byte of frame " + i);
            }
        }
    }

    @Test
    void wait_clientHangsUp_cancelsTheEngineCall() throws Exception {
        FakeBidiStream<WaitContainerRequest, WaitContainerResponse> call = new FakeBidiStream<>();
        when(containers.waitContainer(any())).thenReturn(call);
        call.respond(WaitContainerResponse.newBuilder().setRegistered(true).build());
        try (UnixClient c = new UnixClient(socket)) {
            c.write("POST /v1.41/containers/abc/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
        }
        Await.until("the wait call is cancelled", () -> call.closed);
    }

    @Test
    void load_chunkedUploadOfManyMegabytes_reachesStorageInOrder() throws Exception {
        FakeBidiStream<LoadImageRequest, LoadImageResponse> call = new FakeBidiStream<>();
        when(images.loadImage()).thenReturn(call);
        int chunk = 32 * 1024;
        int chunks = 640;
        try (UnixClient c = new UnixClient(socket)) {
            c.write("POST /v1.41/images/load?quiet=1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            byte[] data = new byte[chunk];
            for (int i = 0; i < chunks; i++) {
                java.util.Arrays.fill(data, (byte) i);
                c.write(Integer.toHexString(chunk) + "\r\n");
                c.write(data);
                c.write("\r\n");
            }
            c.write("0\r\n\r\n");
            Await.until("upload half-closed", () -> call.halfClosed);
            call.respond(LoadImageResponse.newBuilder().setStream("Loaded image: fixture/busybox:1\n").build())
                    .complete();
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            String body = "{\"stream\":\"Loaded image: fixture/busybox:1\\n\"}\n";
            String expected = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
            assertEquals(expected, new String(c.readExactly(expected.length()), StandardCharsets.UTF_8));
        }
        long total = 0;
        int lastByte = -1;
        boolean ordered = true;
        for (LoadImageRequest r : call.sent.subList(1, call.sent.size())) {
            for (byte b : r.getChunk().toByteArray()) {
                int v = b & 0xff;
                ordered &= v == lastByte || v == ((lastByte + 1) & 0xff);
                lastByte = v;
            }
            total += r.getChunk().size();
        }
        assertTrue(call.sent.get(0).getQuiet());
        assertEquals((long) chunk * chunks, total);
        assertTrue(ordered, "chunks arrived in order");
    }
}
