package io.berth.cli;

import io.berth.common.net.HostAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A minimal HTTP/1.1 client of the Docker Engine API over a JDK {@link SocketChannel} (unix socket or TCP):
 * one request per connection ({@code Connection: close}), the response read to the end.
 */
public final class DaemonClient {
    /** The API version berth speaks (Docker Engine API 1.41). */
    public static final String API_VERSION = "1.41";
    private static final int MAX_RESPONSE = 16 * 1024 * 1024;

    private final HostAddress address;
    private final Duration timeout;

    /**
     * @param address the daemon
     * @param timeout how long one request may take before the connection is closed
     */
    public DaemonClient(HostAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    /** @return the daemon's address */
    public HostAddress address() {
        return address;
    }

    /**
     * Sends {@code GET /v1.41<path>}.
     *
     * @param path the API path, e.g. {@code /version}
     * @return the response
     * @throws IOException if the daemon cannot be reached or answers garbage
     */
    public HttpResponse get(String path) throws IOException {
        Timer timer = new Timer("berth-request-timeout", true);
        try (SocketChannel ch = SocketChannel.open(address.family())) {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    try {
                        ch.close();
                    } catch (IOException e) {
                        // the pending read fails with AsynchronousCloseException
                    }
                }
            }, timeout.toMillis());
            ch.connect(address.socketAddress());
            String req = "GET /v" + API_VERSION + path + " HTTP/1.1\r\nHost: api.berth.localhost\r\n"
                    + "User-Agent: berth-cli/" + CliVersion.version() + "\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            return HttpResponse.parse(readAll(ch));
        } finally {
            timer.cancel();
        }
    }

    private static byte[] readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (ch.read(buf) >= 0) {
            all.write(buf.array(), 0, buf.position());
            buf.clear();
            if (all.size() > MAX_RESPONSE) {
                throw new IOException("response larger than " + MAX_RESPONSE + " bytes");
            }
        }
        return all.toByteArray();
    }
}
