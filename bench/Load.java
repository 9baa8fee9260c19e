import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run.sh's HTTP client for the Docker Engine API on a unix socket (run as a single-file source:
 * {@code java bench/Load.java ...}; JDK only). Two modes:
 * <ul>
 *   <li>{@code rps SOCKET PATH CLIENTS SECONDS}: CLIENTS threads, each on one keep-alive connection, send
 *       {@code GET PATH} back to back for SECONDS; prints requests per second (responses with status 200).
 *       SOCKET {@code tls://HOST:PORT} is a TCP address with mutual TLS (see {@link Conn#Conn}); the handshakes
 *       happen before the clock starts.</li>
 *   <li>{@code event SOCKET IMAGE}: opens {@code GET /events} (container events), then creates a container of
 *       IMAGE; prints milliseconds from the create's reply to the arrival of its "create" event (negative: the
 *       event came first), then removes the container.</li>
 * </ul>
 */
public final class Load {
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:\\s*chunked");

    /** One keep-alive HTTP/1.1 connection. */
    static final class Conn implements AutoCloseable {
        final java.io.Closeable ch;
        final java.io.InputStream inStream;
        final java.io.OutputStream outStream;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        final ByteArrayOutputStream acc = new ByteArrayOutputStream();

        /**
         * @param socket a unix socket path, or {@code tls://HOST:PORT}: mutual TLS with {@code client.p12} (password
         *     "bench") and {@code ca.pem} from the directory in the environment variable BENCH_TLS_DIR
         */
        Conn(String socket) throws IOException {
            if (socket.startsWith("tls://")) {
                String[] hp = socket.substring(6).split(":");
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls().getSocketFactory()
                        .createSocket(hp[0], Integer.parseInt(hp[1]));
                s.setTcpNoDelay(true);
                s.startHandshake();
                ch = s;
                inStream = s.getInputStream();
                outStream = s.getOutputStream();
            } else {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(socket));
                ch = c;
                inStream = java.nio.channels.Channels.newInputStream(c);
                outStream = java.nio.channels.Channels.newOutputStream(c);
            }
        }

        private static javax.net.ssl.SSLContext context;

        /** The client side of {@code --tlsverify}: the client certificate and the CA, made by bench/run.sh. */
        static synchronized javax.net.ssl.SSLContext tls() throws IOException {
            if (context != null) {
                return context;
            }
            try {
                java.nio.file.Path dir = java.nio.file.Path.of(System.getenv("BENCH_TLS_DIR"));
                java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
                try (java.io.InputStream k = java.nio.file.Files.newInputStream(dir.resolve("client.p12"))) {
                    keys.load(k, "bench".toCharArray());
                }
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
                kmf.init(keys, "bench".toCharArray());
                java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                try (java.io.InputStream c = java.nio.file.Files.newInputStream(dir.resolve("ca.pem"))) {
                    trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(c));
                }
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
                tmf.init(trust);
                javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                context = ctx;
                return ctx;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        void send(String method, String path, String body) throws IOException {
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: berth-bench\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n")
                    + "\r\n";
            ByteBuffer out = ByteBuffer.allocate(head.length() + b.length);
            out.put(head.getBytes(StandardCharsets.US_ASCII)).put(b).flip();
            outStream.write(out.array(), 0, out.limit());
            outStream.flush();
        }

        /** @return the status code; the body is in {@code lastBody} */
        String lastBody;

        int receive() throws IOException {
            byte[] data = acc.toByteArray();
            int headEnd;
            while ((headEnd = indexOf(data, "\r\n\r\n")) < 0) {
                data = more();
            }
            String head = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headEnd + 4;
            Matcher m = LENGTH.matcher(head);
            int end;
            if (m.find()) {
                end = bodyStart + Integer.parseInt(m.group(1));
                while (data.length < end) {
                    data = more();
                }
                lastBody = new String(data, bodyStart, end - bodyStart, StandardCharsets.UTF_8);
            } else if (CHUNKED.matcher(head).find()) {
                StringBuilder body = new StringBuilder();
                int pos = bodyStart;
                while (true) {
                    int lineEnd;
                    while ((lineEnd = indexOf(data, "\r\n", pos)) < 0) {
                        data = more();
                    }
                    int size = Integer.parseInt(new String(data, pos, lineEnd - pos, StandardCharsets.US_ASCII)
                            .split(";")[0].trim(), 16);
                    while (data.length < lineEnd + 2 + size + 2) {
                        data = more();
                    }
                    body.append(new String(data, lineEnd + 2, size, StandardCharsets.UTF_8));
                    pos = lineEnd + 2 + size + 2;
                    if (size == 0) {
                        break;
                    }
                }
                end = pos;
                lastBody = body.toString();
            } else {
                end = bodyStart;
                lastBody = "";
            }
            acc.reset();
            acc.write(data, end, data.length - end);
            return status;
        }

        private byte[] more() throws IOException {
            int n = inStream.read(in.array());
            if (n < 0) {
                throw new IOException("connection closed");
            }
            acc.write(in.array(), 0, n);
            return acc.toByteArray();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    static int indexOf(byte[] data, String s) {
        return indexOf(data, s, 0);
    }

    static int indexOf(byte[] data, String s, int from) {
        byte[] p = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= data.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (data[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "rps" -> rps(args[1], args[2], Integer.parseInt(args[3]), Double.parseDouble(args[4]));
            case "event" -> event(args[1], args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void rps(String socket, String path, int clients, double seconds) throws Exception {
        AtomicLong ok = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        java.util.List<Conn> conns = new java.util.ArrayList<>();
        for (int i = 0; i < clients; i++) {
            conns.add(new Conn(socket)); // connected (and TLS handshakes done) before the clock starts
        }
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        for (Conn conn : conns) {
            new Thread(() -> {
                try (Conn c = conn) {
                    while (System.nanoTime() < end) {
                        c.send("GET", path, null);
                        if (c.receive() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    System.err.println("load: " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        System.out.printf("%.0f%n", ok.get() / ((System.nanoTime() - t0) / 1e9));
    }

    static void event(String socket, String image) throws Exception {
        AtomicLong eventAt = new AtomicLong();
        String[] eventLine = new String[1];
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch got = new CountDownLatch(1);
        SocketChannel ev = SocketChannel.open(StandardProtocolFamily.UNIX);
        ev.connect(UnixDomainSocketAddress.of(socket));
        Thread reader = new Thread(() -> {
            try {
                String q = "GET /events?filters=%7B%22type%22%3A%5B%22container%22%5D%2C%22event%22%3A%5B%22create%22%5D%7D"
                        + " HTTP/1.1\r\nHost: docker\r\n\r\n";
                ev.write(ByteBuffer.wrap(q.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                StringBuilder seen = new StringBuilder();
                while (ev.read(buf) >= 0) {
                    long now = System.nanoTime();
                    seen.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
                    buf.clear();
                    if (seen.indexOf("\r\n\r\n") >= 0) {
                        subscribed.countDown();
                    }
                    int at = seen.indexOf("\"create\"");
                    if (at >= 0) {
                        eventAt.set(now);
                        eventLine[0] = seen.substring(at);
                        got.countDown();
                        return;
                    }
                }
            } catch (IOException e) {
                got.countDown();
            }
        });
        reader.setDaemon(true);
        reader.start();
        subscribed.await();
        Thread.sleep(200); // let the subscription reach the event source
        try (Conn c = new Conn(socket)) {
            c.send("POST", "/containers/create", "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"]}");
            int status = c.receive();
            long replyAt = System.nanoTime();
            if (status != 201) {
                throw new IllegalStateException("create answered " + status + ": " + c.lastBody);
            }
            String id = c.lastBody.replaceAll("(?s).*\"Id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
            got.await(10, java.util.concurrent.TimeUnit.SECONDS);
            if (eventAt.get() == 0) {
                throw new IllegalStateException("no create event within 10 s");
            }
            System.out.printf("%.1f%n", (eventAt.get() - replyAt) / 1e6);
            c.send("DELETE", "/containers/" + id + "?force=1", null);
            c.receive();
        } finally {
            ev.close();
        }
    }
}
