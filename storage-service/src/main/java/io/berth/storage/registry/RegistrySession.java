package io.berth.storage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.UnauthenticatedException;
import io.berth.common.json.Json;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One repository on one registry, with one set of credentials and one access scope (distribution spec v1.0:
 * {@code /v2/<name>/manifests/<reference>}, {@code /v2/<name>/blobs/<digest>},
 * {@code /v2/<name>/blobs/uploads/}). Authentication follows the registry's challenge on the first 401: Basic
 * (the user's name and password on every request) or Bearer (distribution's token authentication spec: a
 * token from the realm for {@code repository:<name>:<actions>}, fetched with the user's Basic credentials or
 * refresh token, or anonymously), and is then kept for the session.
 *
 * <p>Hostile registries: manifest and token bodies are read up to a bound, blob bodies must be exactly the
 * descriptor's size ({@link BoundedInput}; a Content-Length that differs is refused before reading), redirects
 * are followed (at most 5) to other hosts only for blob downloads (the spec lets blob GETs redirect, e.g. to a
 * storage service) and never from HTTPS to HTTP; credentials are sent only to the registry's own host.
 */
public final class RegistrySession {
    /** Timeout of a request that is not a blob transfer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_TOKEN_BYTES = 1 << 20;

    private final HttpClient http;
    private final URI base;
    private final String repository;
    private final RegistryCredentials credentials;
    private final String actions;
    private volatile String authorization;

    /** A manifest as fetched. */
    public record Fetched(byte[] body, String contentType, Digest digest) {
    }

    /**
     * @param http the client (redirects disabled: this class follows them)
     * @param base e.g. {@code http://127.0.0.1:5000}
     * @param repository the repository path, e.g. {@code library/busybox}
     * @param credentials the user's credentials ({@link RegistryCredentials#NONE} for anonymous)
     * @param actions the token scope's actions, {@code pull} or {@code pull,push}
     */
    public RegistrySession(HttpClient http, URI base, String repository, RegistryCredentials credentials,
                           String actions) {
        this.http = http;
        this.base = base;
        this.repository = repository;
        this.credentials = credentials;
        this.actions = actions;
        if (!credentials.registryToken().isEmpty()) {
            authorization = "Bearer " + credentials.registryToken();
        }
    }

    /** @return the registry's base URI */
    public URI base() {
        return base;
    }

    /** @return the repository path */
    public String repository() {
        return repository;
    }

    /**
     * {@code GET /v2/} with the credentials (docker login): succeeds if the registry accepts them.
     *
     * @throws UnauthenticatedException dockerd's "login attempt to http://x/v2/ failed with status: 401 Unauthorized"
     */
    public void ping() {
        URI uri = base.resolve("/v2/");
        try (Closeable c = new Closeable(exchange("GET", uri, Map.of(), null, false))) {
            HttpResponse<InputStream> r = c.response;
            if (r.statusCode() != 200) {
                throw new UnauthenticatedException("login attempt to " + uri + " failed with status: "
                        + r.statusCode() + " " + reason(r.statusCode()));
            }
        } catch (UnauthenticatedException e) {
            throw new UnauthenticatedException("login attempt to " + uri + " failed with status: 401 Unauthorized", e);
        }
    }

    /**
     * {@code GET /v2/<name>/manifests/<reference>}, at most {@link Manifests#MAX_MANIFEST_BYTES}.
     *
     * @param reference a tag or digest
     * @param what the full reference, for errors
     * @return the bytes, Content-Type and the digest of the bytes (checked against the reference if it is a
     *     digest, and against Docker-Content-Digest if the registry sent one)
     * @throws io.berth.common.errors.NotFoundException dockerd's "manifest for x not found: manifest unknown: ..."
     * @throws InvalidArgumentException for an oversized manifest or a digest mismatch
     */
    public Fetched manifest(String reference, String what) {
        URI uri = repoUri("/manifests/" + reference);
        try (Closeable c = new Closeable(exchange("GET", uri, Map.of("Accept", Manifests.ACCEPT), null, false))) {
            HttpResponse<InputStream> r = c.response;
            if (r.statusCode() == 404) {
                throw RegistryErrors.of(404, readBounded(r.body(), RegistryErrors.MAX_ERROR_BODY, null),
                        "manifest for " + what + " not found");
            }
            check(r, 200, "GET " + uri);
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > Manifests.MAX_MANIFEST_BYTES) {
                throw new InvalidArgumentException("manifest for " + what + " is " + declared
                        + " bytes, more than the limit of " + Manifests.MAX_MANIFEST_BYTES);
            }
            byte[] body = readBounded(r.body(), Manifests.MAX_MANIFEST_BYTES, "manifest for " + what);
            if (declared >= 0 && declared != body.length) {
                throw new InvalidArgumentException("manifest for " + what + ": the registry declared "
                        + declared + " bytes (Content-Length) and sent " + body.length);
            }
            Digest digest = Digest.sha256(body);
            if (Digest.isDigest(reference) && !Digest.parse(reference).equals(digest)) {
                throw new InvalidArgumentException("manifest for " + what + " has digest " + digest
                        + ", not the requested " + reference);
            }
            String header = r.headers().firstValue("Docker-Content-Digest").orElse("");
            if (Digest.isDigest(header) && !Digest.parse(header).equals(digest)) {
                throw new InvalidArgumentException("manifest for " + what + " has digest " + digest
                        + ", the registry's Docker-Content-Digest says " + header);
            }
            return new Fetched(body, r.headers().firstValue("Content-Type").orElse(""), digest);
        }
    }

    /**
     * {@code GET /v2/<name>/blobs/<digest>}: the body, which must be exactly {@code d.size()} bytes. The caller
     * verifies the digest while it reads.
     *
     * @param d the blob's descriptor
     * @return the body; the caller closes it
     * @throws InvalidArgumentException if the Content-Length is not the descriptor's size
     */
    public InputStream blob(Descriptor d) {
        URI uri = repoUri("/blobs/" + d.digest());
        HttpResponse<InputStream> r = exchange("GET", uri, Map.of(), null, true);
        try {
            check(r, 200, "GET " + uri);
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared >= 0 && declared != d.size()) {
                throw new InvalidArgumentException("blob " + d.digest() + ": the registry declared " + declared
                        + " bytes (Content-Length), the manifest says " + d.size());
            }
            return new BoundedInput(r.body(), d.size(), "blob " + d.digest());
        } catch (RuntimeException e) {
            closeQuietly(r.body());
            throw e;
        }
    }

    /**
     * Reads a small blob whole and checks its digest (image configs).
     *
     * @param d the descriptor
     * @param max the largest size accepted
     * @return the bytes
     * @throws InvalidArgumentException if it is larger than {@code max}, truncated, or its digest differs
     */
    public byte[] smallBlob(Descriptor d, int max) {
        if (d.size() > max) {
            throw new InvalidArgumentException("blob " + d.digest() + " is " + d.size() + " bytes, more than " + max);
        }
        try (InputStream in = blob(d)) {
            byte[] body = in.readAllBytes();
            Digest actual = Digest.sha256(body);
            if (!actual.equals(d.digest())) {
                throw new InvalidArgumentException("blob " + d.digest() + " has digest " + actual
                        + ": the registry sent other content");
            }
            return body;
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read blob " + d.digest() + ": " + e.getMessage(), e);
        }
    }

    /** The most tags {@link #tags} reads (pages of a registry that never ends are refused past it). */
    static final int MAX_TAGS = 10_000;

    /**
     * {@code GET /v2/<name>/tags/list} (distribution spec "Listing Tags"), following the {@code Link: <...>;
     * rel="next"} pages on the same registry.
     *
     * @param what the repository, for errors
     * @return the tags, in the registry's order
     * @throws io.berth.common.errors.NotFoundException dockerd's "repository x not found" texts for a 404
     * @throws InvalidArgumentException for a malformed answer or more than {@link #MAX_TAGS} tags
     */
    public java.util.List<String> tags(String what) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        URI uri = repoUri("/tags/list");
        while (uri != null) {
            try (Closeable c = new Closeable(exchange("GET", uri, Map.of("Accept", "application/json"), null, false))) {
                HttpResponse<InputStream> r = c.response;
                if (r.statusCode() == 404) {
                    throw RegistryErrors.of(404, readBounded(r.body(), RegistryErrors.MAX_ERROR_BODY, null),
                            "repository " + what + " not found");
                }
                check(r, 200, "GET " + uri);
                byte[] body = readBounded(r.body(), Manifests.MAX_MANIFEST_BYTES, "tag list of " + what);
                com.fasterxml.jackson.databind.JsonNode list;
                try {
                    list = io.berth.common.json.Json.MAPPER.readTree(body).path("tags");
                } catch (IOException e) {
                    throw new InvalidArgumentException("tag list of " + what + " is not JSON: " + e.getMessage(), e);
                }
                for (com.fasterxml.jackson.databind.JsonNode t : list) {
                    tags.add(t.asText());
                    if (tags.size() > MAX_TAGS) {
                        throw new InvalidArgumentException("repository " + what + " has more than " + MAX_TAGS
                                + " tags");
                    }
                }
                uri = nextPage(r, uri);
            }
        }
        return tags;
    }

    /** @return the {@code rel="next"} page of a {@code Link} header on the same registry, or null */
    private URI nextPage(HttpResponse<?> r, URI request) {
        String link = r.headers().firstValue("Link").orElse("");
        int lt = link.indexOf('<');
        int gt = link.indexOf('>');
        if (lt < 0 || gt < lt || !link.contains("rel=\"next\"")) {
            return null;
        }
        URI next = request.resolve(link.substring(lt + 1, gt));
        return sameOrigin(next, base) ? next : null;
    }

    /**
     * {@code HEAD /v2/<name>/blobs/<digest>}.
     *
     * @param digest the blob
     * @return true if the repository has it
     */
    public boolean blobExists(Digest digest) {
        URI uri = repoUri("/blobs/" + digest);
        try (Closeable c = new Closeable(exchange("HEAD", uri, Map.of(), null, true))) {
            int s = c.response.statusCode();
            if (s == 200) {
                return true;
            }
            if (s == 404) {
                return false;
            }
            check(c.response, 200, "HEAD " + uri);
            return false;
        }
    }

    /**
     * Starts an upload, or mounts the blob from another repository of the same registry (spec "Mounting a
     * blob from another repository").
     *
     * @param mount the digest to mount, or null
     * @param from the repository to mount from, or null
     * @return the upload's location, or null if the blob was mounted (201)
     */
    public URI startUpload(Digest mount, String from) {
        String q = mount == null ? "" : "?mount=" + mount + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        URI uri = repoUri("/blobs/uploads/" + q);
        try (Closeable c = new Closeable(exchange("POST", uri, Map.of("Content-Length", "0"),
                HttpRequest.BodyPublishers::noBody, false))) {
            int s = c.response.statusCode();
            if (s == 201 && mount != null) {
                return null;
            }
            check(c.response, 202, "POST " + uri);
            return location(c.response, uri);
        }
    }

    /**
     * Sends one chunk ({@code PATCH <location>} with Content-Range, spec "Pushing a blob in chunks").
     *
     * @param location the upload's current location
     * @param chunk the bytes
     * @param offset the chunk's first byte's offset in the blob
     * @return the upload's next location
     */
    public URI uploadChunk(URI location, byte[] chunk, long offset) {
        Map<String, String> h = Map.of("Content-Type", "application/octet-stream",
                "Content-Range", offset + "-" + (offset + chunk.length - 1));
        try (Closeable c = new Closeable(exchange("PATCH", location, h,
                () -> HttpRequest.BodyPublishers.ofByteArray(chunk), false))) {
            check(c.response, 202, "PATCH " + location);
            return location(c.response, location);
        }
    }

    /**
     * Completes an upload: {@code PUT <location>?digest=<d>}, with the whole blob (monolithic upload) or
     * nothing (after chunks).
     *
     * @param location the upload's location
     * @param digest the blob's digest
     * @param file the blob to send whole, or null after chunks
     */
    public void finishUpload(URI location, Digest digest, Path file) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(location + sep + "digest=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
        Supplier<HttpRequest.BodyPublisher> body = file == null ? HttpRequest.BodyPublishers::noBody : () -> {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Map<String, String> h = file == null ? Map.of() : Map.of("Content-Type", "application/octet-stream");
        try (Closeable c = new Closeable(exchange("PUT", uri, h, body, false))) {
            check(c.response, 201, "PUT " + location);
        }
    }

    /**
     * {@code PUT /v2/<name>/manifests/<tag>}.
     *
     * @param tag the tag
     * @param body the manifest
     * @param mediaType its media type
     */
    public void putManifest(String tag, byte[] body, String mediaType) {
        URI uri = repoUri("/manifests/" + tag);
        try (Closeable c = new Closeable(exchange("PUT", uri, Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(body), false))) {
            check(c.response, 201, "PUT " + uri);
        }
    }

    private URI repoUri(String suffix) {
        return base.resolve("/v2/" + repository + suffix);
    }

    private URI location(HttpResponse<?> r, URI request) {
        String loc = r.headers().firstValue("Location").orElseThrow(() ->
                new InternalException("the registry answered " + request + " without a Location"));
        URI u = request.resolve(loc);
        if (!sameOrigin(u, base)) {
            throw new InternalException("the registry sent an upload location on another host: " + u);
        }
        return u;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    private void check(HttpResponse<InputStream> r, int want, String what) {
        if (r.statusCode() == want || (want == 200 && r.statusCode() == 200)) {
            return;
        }
        byte[] body = readBounded(r.body(), RegistryErrors.MAX_ERROR_BODY, null);
        throw RegistryErrors.of(r.statusCode(), body, r.statusCode() == 401 || r.statusCode() == 403 ? null
                : what + " answered " + r.statusCode());
    }

    /**
     * Sends a request, following the auth challenge once and redirects up to {@link #MAX_REDIRECTS}.
     */
    private HttpResponse<InputStream> exchange(String method, URI uri, Map<String, String> headers,
                                               Supplier<HttpRequest.BodyPublisher> body, boolean foreignRedirects) {
        boolean authTried = false;
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; ) {
            HttpRequest.Builder b = HttpRequest.newBuilder(target)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            if (!foreignRedirects || !isBlobTransfer(method)) {
                b.timeout(REQUEST_TIMEOUT);
            }
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Length")) {
                    b.header(k, v);
                }
            });
            String auth = authorization;
            if (auth != null && sameOrigin(target, base)) {
                b.header("Authorization", auth);
            }
            HttpResponse<InputStream> r = send(b.build(), method);
            int s = r.statusCode();
            if (s == 401 && !authTried && sameOrigin(target, base)) {
                String challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
                closeQuietly(r.body());
                authTried = true;
                authorization = authorize(AuthChallenge.parse(challenge));
                continue;
            }
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                closeQuietly(r.body());
                URI from = target;
                String loc = r.headers().firstValue("Location").orElseThrow(() ->
                        new InternalException(method + " " + from + " redirected without a Location"));
                URI next = target.resolve(loc);
                if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
                    throw new InternalException("the registry redirected " + uri + " to " + next + ": not HTTP");
                }
                if ("https".equals(target.getScheme()) && "http".equals(next.getScheme())) {
                    throw new InternalException("the registry redirected " + uri + " from HTTPS to HTTP: " + next);
                }
                if (!foreignRedirects && !sameOrigin(next, base)) {
                    throw new InternalException("the registry redirected " + method + " " + uri
                            + " to another host (" + next + "); only blob downloads may be redirected");
                }
                target = next;
                hop++;
                continue;
            }
            return r;
        }
        throw new InternalException(method + " " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private static boolean isBlobTransfer(String method) {
        return method.equals("GET");
    }

    private HttpResponse<InputStream> send(HttpRequest request, String method) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new InternalException(capitalized(method) + " \"" + request.uri() + "\": " + describe(e, request.uri()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException(method + " " + request.uri() + ": interrupted", e);
        } catch (UncheckedIOException e) {
            throw new InternalException("cannot send " + request.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Go's wording for the usual network failures (the JDK's ConnectException has no message). */
    static String describe(IOException e, URI uri) {
        String hostPort = uri.getHost() + ":" + port(uri);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof java.net.ConnectException || root instanceof java.net.ConnectException) {
            return "dial tcp " + hostPort + ": connect: connection refused";
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "dial tcp: lookup " + uri.getHost() + ": no such host";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "net/http: request canceled (Client.Timeout exceeded)";
        }
        String m = e.getMessage() != null ? e.getMessage() : root.getMessage();
        return m != null ? m : e.getClass().getSimpleName();
    }

    private static String capitalized(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The Authorization header for a challenge. */
    private String authorize(AuthChallenge c) {
        if (c == null) {
            throw new UnauthenticatedException("unauthorized: the registry at " + base
                    + " answered 401 without a WWW-Authenticate challenge");
        }
        if (c.scheme().equals("basic")) {
            if (credentials.username().isEmpty()) {
                throw new UnauthenticatedException("unauthorized: authentication required (" + base + ")");
            }
            return basic();
        }
        if (c.scheme().equals("bearer")) {
            return "Bearer " + token(c);
        }
        throw new UnauthenticatedException("unauthorized: unsupported authentication scheme \"" + c.scheme()
                + "\" (" + base + ")");
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Distribution's token authentication: GET realm?service=&scope=, or POST refresh_token (OAuth2). */
    private String token(AuthChallenge c) {
        String realm = c.params().get("realm");
        if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            throw new UnauthenticatedException("unauthorized: the registry's token realm \"" + realm
                    + "\" is not an HTTP URL");
        }
        Map<String, String> q = new LinkedHashMap<>();
        if (c.params().containsKey("service")) {
            q.put("service", c.params().get("service"));
        }
        q.put("scope", "repository:" + repository + ":" + actions);
        HttpRequest.Builder b;
        if (!credentials.identityToken().isEmpty()) {
            q.put("grant_type", "refresh_token");
            q.put("refresh_token", credentials.identityToken());
            q.put("client_id", "docker");
            b = HttpRequest.newBuilder(URI.create(realm)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(q)));
        } else {
            b = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + form(q))).GET();
            if (!credentials.username().isEmpty()) {
                b.header("Authorization", basic());
            }
        }
        HttpResponse<InputStream> r = send(b.timeout(REQUEST_TIMEOUT).build(), "GET");
        byte[] body = readBounded(r.body(), MAX_TOKEN_BYTES, "token response");
        if (r.statusCode() != 200) {
            BerthException e = RegistryErrors.of(r.statusCode() == 401 || r.statusCode() == 403 ? 401 : r.statusCode(),
                    body, null);
            throw e;
        }
        JsonNode json = Json.parse(body);
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new UnauthenticatedException("unauthorized: the token server " + realm + " returned no token");
        }
        return token;
    }

    private static String form(Map<String, String> q) {
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /**
     * @return the stream's bytes, at most {@code max}
     * @throws InvalidArgumentException if there are more (when {@code what} is given; else the rest is dropped)
     */
    static byte[] readBounded(InputStream in, int max, String what) {
        try (in) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                if (what != null) {
                    throw new InvalidArgumentException(what + " is larger than the limit of " + max + " bytes");
                }
                return java.util.Arrays.copyOf(b, max);
            }
            return b;
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read " + (what == null ? "the registry's answer" : what)
                    + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "";
        };
    }

    /** try-with-resources over a response body. */
    private static final class Closeable implements AutoCloseable {
        final HttpResponse<InputStream> response;

        Closeable(HttpResponse<InputStream> response) {
            this.response = response;
        }

        @Override
        public void close() {
            closeQuietly(response.body());
        }
    }
}
