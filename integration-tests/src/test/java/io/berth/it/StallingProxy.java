package io.berth.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP proxy on 127.0.0.1 in front of a registry that answers everything as the registry does, except that
 * a blob download larger than 64 KiB sends its headers and the first half of its body and then stalls until
 * {@link #release()} (or 60 s), then drops the connection: a pull in the middle of a layer, for kill -9 tests.
 */
final class StallingProxy implements AutoCloseable {
    private final HttpServer server;
    private final String upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    StallingProxy(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return {@code 127.0.0.1:<port>} */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return true once a blob download is stalled (waits at most the given time) */
    boolean awaitStalled(long seconds) throws InterruptedException {
        return stalled.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets stalled downloads end (their connections are dropped). */
    void release() {
        release.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                String k = h.getKey();
                if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Connection")) {
                    h.getValue().forEach(v -> b.header(k, v));
                }
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding") && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            byte[] body = r.body();
            boolean stall = ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().contains("/blobs/")
                    && body.length > 64 * 1024;
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(r.statusCode(), -1);
                return;
            }
            ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
            OutputStream out = ex.getResponseBody();
            if (!stall) {
                out.write(body);
                return;
            }
            out.write(body, 0, body.length / 2);
            out.flush();
            stalled.countDown();
            release.await(60, TimeUnit.SECONDS);
            throw new IOException("dropped on purpose");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

}
