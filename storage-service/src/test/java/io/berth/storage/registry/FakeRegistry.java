package io.berth.storage.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry for tests on 127.0.0.1 (JDK httpserver): manifests by tag or digest and blobs by digest from maps,
 * anonymous, Basic or Bearer auth, and hooks to misbehave ({@link #override}: any path may get a hostile
 * answer). Counts blob GETs per digest.
 */
public final class FakeRegistry implements AutoCloseable {
    /** A hostile answer for one path. */
    public interface Answer {
        /** Writes the whole response. */
        void write(HttpExchange ex) throws IOException;
    }

    /** The registry's auth mode. */
    public enum Auth { NONE, BASIC, BEARER }

    public final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    public final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> blobGets = new ConcurrentHashMap<>();
    public final Map<String, Answer> overrides = new ConcurrentHashMap<>();
    /** Upload sessions: id to the bytes so far. */
    public final Map<String, java.io.ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** Requests seen, as "METHOD path". */
    public final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    public volatile String tokenScope;
    private final HttpServer server;
    private final Auth auth;
    private final String user;
    private final String password;

    /**
     * @param auth the auth mode
     * @param user the one user (BASIC, BEARER)
     * @param password its password
     */
    public FakeRegistry(Auth auth, String user, String password) throws IOException {
        this(auth, user, password, new InetSocketAddress("127.0.0.1", 0));
    }

    /**
     * @param auth the auth mode
     * @param user the one user (BASIC, BEARER)
     * @param password its password
     * @param bind where to listen (e.g. the wildcard address, for a test that names the registry by host name)
     */
    public FakeRegistry(Auth auth, String user, String password, InetSocketAddress bind) throws IOException {
        this.auth = auth;
        this.user = user;
        this.password = password;
        server = HttpServer.create(bind, 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return {@code 127.0.0.1:<port>} */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://" + host();
    }

    /**
     * @param repo repository path
     * @param tag a tag (also stored under its digest)
     * @param mediaType Content-Type
     * @param body the manifest
     * @return its digest
     */
    public Digest putManifest(String repo, String tag, String mediaType, byte[] body) {
        Digest d = Digest.sha256(body);
        for (String ref : new String[] {tag, d.toString()}) {
            manifests.put(repo + "/" + ref, body);
            manifestTypes.put(repo + "/" + ref, mediaType);
        }
        return d;
    }

    /** @return the blob's digest */
    public Digest putBlob(byte[] body) {
        Digest d = Digest.sha256(body);
        blobs.put(d.toString(), body);
        return d;
    }

    /** Makes {@code path} (e.g. {@code /v2/a/blobs/sha256:...}) answer with {@code answer}. */
    public void override(String path, Answer answer) {
        overrides.put(path, answer);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path);
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (!authorized(ex)) {
                return;
            }
            Answer o = overrides.get(path);
            if (o != null) {
                o.write(ex);
                return;
            }
            if (path.equals("/v2/")) {
                send(ex, 200, "application/json", "{}".getBytes());
                return;
            }
            if (path.startsWith("/upload/") || path.endsWith("/blobs/uploads/")) {
                upload(ex, path);
                return;
            }
            int m = path.indexOf("/manifests/");
            if (m > 0 && ex.getRequestMethod().equals("PUT")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                putManifest(path.substring(4, m), path.substring(m + "/manifests/".length()),
                        ex.getRequestHeaders().getFirst("Content-Type"), body);
                ex.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(body).toString());
                send(ex, 201, null, new byte[0]);
                return;
            }
            if (m > 0) {
                String key = path.substring(4, m) + "/" + path.substring(m + "/manifests/".length());
                byte[] body = manifests.get(key);
                if (body == null) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes());
                } else {
                    send(ex, 200, manifestTypes.get(key), body);
                }
                return;
            }
            int b = path.indexOf("/blobs/");
            if (b > 0) {
                String digest = path.substring(b + "/blobs/".length());
                byte[] body = blobs.get(digest);
                if (body == null) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}".getBytes());
                    return;
                }
                if (ex.getRequestMethod().equals("GET")) {
                    blobGets.computeIfAbsent(digest, k -> new AtomicInteger()).incrementAndGet();
                }
                send(ex, 200, "application/octet-stream", body);
                return;
            }
            send(ex, 404, "text/plain", "404 page not found".getBytes());
        }
    }

    private void upload(HttpExchange ex, String path) throws IOException {
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        if (ex.getRequestMethod().equals("POST")) {
            if (query.contains("mount=")) {
                String digest = java.net.URLDecoder.decode(query.replaceAll(".*mount=([^&]*).*", "$1"), StandardCharsets.UTF_8);
                if (blobs.containsKey(digest)) {
                    send(ex, 201, null, new byte[0]);
                    return;
                }
            }
            String id = java.util.UUID.randomUUID().toString();
            uploads.put(id, new java.io.ByteArrayOutputStream());
            ex.getResponseHeaders().set("Location", "/upload/" + id + "?_state=s");
            send(ex, 202, null, new byte[0]);
            return;
        }
        String id = path.substring("/upload/".length());
        java.io.ByteArrayOutputStream buf = uploads.get(id);
        if (buf == null) {
            send(ex, 404, null, new byte[0]);
            return;
        }
        buf.write(ex.getRequestBody().readAllBytes());
        if (ex.getRequestMethod().equals("PATCH")) {
            ex.getResponseHeaders().set("Location", "/upload/" + id + "?_state=s" + buf.size());
            send(ex, 202, null, new byte[0]);
            return;
        }
        String digest = java.net.URLDecoder.decode(query.replaceAll(".*digest=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        if (!Digest.sha256(buf.toByteArray()).toString().equals(digest)) {
            send(ex, 400, "application/json", "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest invalid\"}]}".getBytes());
            return;
        }
        blobs.put(digest, buf.toByteArray());
        uploads.remove(id);
        send(ex, 201, null, new byte[0]);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String given = ex.getRequestHeaders().getFirst("Authorization");
        switch (auth) {
            case NONE:
                return true;
            case BASIC:
                if (("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes())).equals(given)) {
                    return true;
                }
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                break;
            default:
                if ("Bearer tok-123".equals(given)) {
                    return true;
                }
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\",service=\"fake-reg\","
                        + "scope=\"repository:x:pull\"");
        }
        send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
        return false;
    }

    private void token(HttpExchange ex) throws IOException {
        String given = ex.getRequestHeaders().getFirst("Authorization");
        String q = ex.getRequestURI().getRawQuery();
        tokenScope = q == null ? "" : java.net.URLDecoder.decode(q, StandardCharsets.UTF_8);
        if (given == null || !given.equals("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))) {
            send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}".getBytes());
            return;
        }
        send(ex, 200, "application/json", "{\"token\":\"tok-123\"}".getBytes());
    }

    /** Sends a whole response. */
    public static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
