package io.berth.daemon;

import io.berth.common.ParentWatchdog;
import io.berth.common.grpc.UnixGrpcServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for a service main, launched by the supervisor tests with the real command lines: with
 * {@code --socket S} it serves gRPC health on S (as UnixGrpcServer does for every service), with
 * {@code -H unix://S} and {@code --internal-socket I} (the socket berthd probes) it answers {@code GET /_ping} on
 * both like the gateway. {@code -Dfake.mode=exit:N} exits with N at
 * once; {@code -Dfake.mode=hang} never becomes ready. It logs through Log4j, as a service does, so its lines
 * reach its log file.
 */
public final class FakeService {
    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatchdog.startFromSystemProperty();
        String mode = System.getProperty("fake.mode", "serve");
        if (mode.startsWith("exit:")) {
            System.exit(Integer.parseInt(mode.substring(5)));
        }
        if (mode.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        List<String> a = List.of(args);
        int s = a.indexOf("--socket");
        if (s >= 0) {
            UnixGrpcServer server = UnixGrpcServer.start(Path.of(a.get(s + 1)), List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            org.apache.logging.log4j.LogManager.getLogger(FakeService.class).info("fake service ready");
            server.awaitTermination();
        } else {
            Path internal = Path.of(a.get(a.indexOf("--internal-socket") + 1));
            Path api = Path.of(a.get(a.indexOf("-H") + 1).substring("unix://".length()));
            Thread t = new Thread(() -> {
                try {
                    servePing(api);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            t.setDaemon(true);
            t.start();
            servePing(internal);
        }
    }

    private static void servePing(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.deleteIfExists(socket);
                } catch (IOException e) {
                    // test helper
                }
            }));
            org.apache.logging.log4j.LogManager.getLogger(FakeService.class).info("fake gateway ready");
            while (true) {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(4096));
                    c.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK"
                            .getBytes(StandardCharsets.US_ASCII)));
                }
            }
        }
    }
}
