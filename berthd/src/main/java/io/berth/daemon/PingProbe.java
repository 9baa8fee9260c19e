package io.berth.daemon;

import io.berth.common.net.HostAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the gateway: {@code GET /_ping} (Docker Engine API 1.41, "Ping") on a {@code -H} address
 * answers {@code 200} with body {@code OK}. A minimal HTTP/1.1 exchange over a JDK {@link SocketChannel}
 * (unix or TCP), closed after {@code timeout} if the gateway does not answer.
 *
 * @param address the gateway's address
 * @param timeout how long one ping may take
 */
public record PingProbe(HostAddress address, Duration timeout) implements ReadinessProbe {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ping-timeout");
        t.setDaemon(true);
        return t;
    });

    @Override
    public boolean isReady() {
        try {
            String response = get("/_ping");
            int body = response.indexOf("\r\n\r\n");
            // "OK" with Content-Length, or inside one chunk if the gateway chunks it.
            return response.matches("(?s)HTTP/1\\.[01] 200 .*") && body > 0 && response.indexOf("OK", body) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends {@code GET path} with {@code Connection: close} and reads the whole response.
     *
     * @param path the request path
     * @return the raw response (status line, headers, body)
     * @throws IOException if the connection fails or times out
     */
    String get(String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(address.family())) {
            ScheduledFuture<?> deadline = TIMER.schedule(() -> closeQuietly(ch), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                ch.connect(address.socketAddress());
                String req = "GET " + path + " HTTP/1.1\r\nHost: berth\r\nUser-Agent: berthd\r\nConnection: close\r\n\r\n";
                ByteBuffer out = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                return new String(readAll(ch), StandardCharsets.ISO_8859_1);
            } finally {
                deadline.cancel(false);
            }
        }
    }

    private static byte[] readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (ch.read(buf) >= 0) {
            all.write(buf.array(), 0, buf.position());
            buf.clear();
            if (all.size() > 1 << 20) {
                throw new IOException("response too large");
            }
        }
        return all.toByteArray();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // the probe reports failure through the interrupted read
        }
    }
}
