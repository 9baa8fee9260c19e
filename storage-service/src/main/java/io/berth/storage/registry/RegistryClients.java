package io.berth.storage.registry;

import io.berth.common.errors.InternalException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes {@link RegistrySession}s: one JDK {@link HttpClient} for the service (HTTP/1.1, redirects off, 30 s
 * connect timeout, the JDK's default trust store for HTTPS), the scheme rules of {@link RegistryHosts} and the
 * daemon's {@code registry-mirrors}. Both can change while the service runs ({@link #reconfigure}, on a daemon
 * reload: dockerd's {@code Daemon.Reload} hands the new insecure registries and mirrors to its registry service,
 * which the next pull uses); a session already made keeps what it was made with.
 */
public final class RegistryClients {
    /** How long the TLS probe of an insecure registry may take before HTTP is tried (Go's TLS handshake timeout). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a probe's answer is reused for the same registry. */
    static final Duration PROBE_REUSE = Duration.ofMinutes(5);
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(RegistryClients.class);

    /**
     * The clients are made at the first registry call, not at start: building one loads the default SSL context
     * (the JDK's trust store) and starts the client's selector thread, start-up CPU and idle memory that a daemon
     * which never pulls does not need (bench/README.md, start-up). {@code http}: the JDK's trust store for HTTPS;
     * {@code skipVerify}: an insecure registry's HTTPS, no certificate verification.
     */
    private final com.google.common.base.Supplier<HttpClient> http =
            com.google.common.base.Suppliers.memoize(() -> newClient(null));
    private final com.google.common.base.Supplier<HttpClient> skipVerify =
            com.google.common.base.Suppliers.memoize(() -> newClient(SkipVerifyTls.context()));
    private volatile RegistryHosts hosts;
    private volatile List<URI> mirrors;
    private final Duration probeTimeout;
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.Map.Entry<Boolean, java.time.Instant>> probes =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** @param hosts which registries are plain HTTP */
    public RegistryClients(RegistryHosts hosts) {
        this(hosts, List.of());
    }

    /**
     * @param hosts which registries are plain HTTP
     * @param mirrors {@code registry-mirrors}: base URLs ({@code http://host:port/}) tried before Docker Hub
     */
    public RegistryClients(RegistryHosts hosts, List<String> mirrors) {
        this(hosts, mirrors, PROBE_TIMEOUT);
    }

    /**
     * @param hosts which registries are plain HTTP
     * @param probeTimeout the TLS probe's connect and handshake timeout (tests use a short one)
     */
    RegistryClients(RegistryHosts hosts, Duration probeTimeout) {
        this(hosts, List.of(), probeTimeout);
    }

    /**
     * @param hosts which registries are plain HTTP
     * @param mirrors {@code registry-mirrors}: base URLs tried before Docker Hub
     * @param probeTimeout the TLS probe's connect and handshake timeout (tests use a short one)
     */
    RegistryClients(RegistryHosts hosts, List<String> mirrors, Duration probeTimeout) {
        this.hosts = hosts;
        this.mirrors = uris(mirrors);
        this.probeTimeout = probeTimeout;
    }

    /** @return a new HTTP/1.1 client, redirects off, 30 s connect timeout; {@code tls} null for the JDK's */
    private static HttpClient newClient(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30));
        return (tls == null ? b : b.sslContext(tls)).build();
    }

    /**
     * Replaces the insecure registries and mirrors for the sessions made from now on.
     *
     * @param newHosts which registries are plain HTTP
     * @param newMirrors the mirror URLs, in order
     */
    public void reconfigure(RegistryHosts newHosts, List<String> newMirrors) {
        List<URI> m = uris(newMirrors);
        hosts = newHosts;
        mirrors = m;
        probes.clear();
    }

    /** @return the scheme rules now (those of the last {@link #reconfigure}) */
    RegistryHosts hosts() {
        return hosts;
    }

    private static List<URI> uris(List<String> mirrors) {
        List<URI> out = new ArrayList<>();
        for (String m : mirrors) {
            String t = m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
            out.add(URI.create(t));
        }
        return List.copyOf(out);
    }

    /**
     * The sessions a pull tries in order, as moby 20.10's {@code lookupV2Endpoints} (registry/service_v2.go): for
     * Docker Hub ({@code docker.io}) each mirror first, then {@code https://registry-1.docker.io}; for any other
     * registry only that registry (dockerd uses mirrors for Docker Hub only).
     *
     * @param domain the reference's domain
     * @param repository the repository path, e.g. {@code library/busybox}
     * @param credentials the user's credentials (sent to a mirror too, as dockerd does)
     * @return one session per endpoint, at least one
     */
    public List<RegistrySession> pullSessions(String domain, String repository, RegistryCredentials credentials) {
        List<RegistrySession> out = new ArrayList<>();
        if (domain.equals("docker.io")) {
            for (URI m : mirrors) {
                out.add(new RegistrySession(http.get(), m, repository, credentials, "pull"));
            }
        }
        out.add(session(domain, repository, credentials, false));
        return out;
    }

    /**
     * GET of a registry's v1 search API ({@code /v1/search?q=&n=}; Docker Hub's is {@code https://index.docker.io}).
     *
     * @param domain the index, e.g. {@code docker.io} or {@code 127.0.0.1:5000}
     * @param term the search term
     * @param limit the number of results asked
     * @param credentials sent as Basic auth when given
     * @return the response body (at most {@link Manifests#MAX_MANIFEST_BYTES})
     * @throws InternalException when the index cannot be reached or answers other than
     *     200 (dockerd's "Unexpected status code 404")
     */
    public byte[] search(String domain, String term, int limit, RegistryCredentials credentials) {
        URI base = domain.equals("docker.io") ? URI.create("https://index.docker.io") : hosts.base(domain);
        URI uri = base.resolve("/v1/search?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8)
                + "&n=" + limit);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(RegistrySession.REQUEST_TIMEOUT);
        if (!credentials.username().isEmpty()) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<InputStream> r = http.get().send(b.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = RegistrySession.readBounded(r.body(), Manifests.MAX_MANIFEST_BYTES, "search results");
            if (r.statusCode() != 200) {
                throw new InternalException("Unexpected status code " + r.statusCode());
            }
            return body;
        } catch (IOException e) {
            throw new InternalException("Get \"" + uri + "\": " + RegistrySession.describe(e, uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("search interrupted", e);
        }
    }

    /**
     * @param domain the reference's domain, e.g. {@code 127.0.0.1:5000}
     * @param repository the repository path
     * @param credentials the user's credentials
     * @param push true to ask for {@code pull,push} access, else {@code pull}
     * @return a new session
     */
    public RegistrySession session(String domain, String repository, RegistryCredentials credentials, boolean push) {
        String actions = push ? "pull,push" : "pull";
        java.util.List<URI> bases = hosts.bases(domain);
        if (bases.size() > 1) {
            URI https = bases.get(0);
            if (speaksTls(domain, https)) {
                return new RegistrySession(skipVerify.get(), https, repository, credentials, actions);
            }
            LOG.info("registry {}: no HTTPS answer, falling back to {} (--insecure-registry)", domain, bases.get(1));
            return new RegistrySession(http.get(), bases.get(1), repository, credentials, actions);
        }
        return new RegistrySession(http.get(), bases.get(0), repository, credentials, actions);
    }

    /**
     * Whether the HTTPS endpoint works, as dockerd finds out by using it first: a TLS handshake without
     * verification (a raw socket, so the JDK client's retry of a failed GET does not double the wait), within
     * {@link #PROBE_TIMEOUT} for connect and handshake. The answer is reused for {@link #PROBE_REUSE}.
     */
    private boolean speaksTls(String domain, URI https) {
        java.time.Instant now = java.time.Instant.now();
        java.util.Map.Entry<Boolean, java.time.Instant> known = probes.get(domain);
        if (known != null && known.getValue().isAfter(now)) {
            return known.getKey();
        }
        boolean tls;
        int port = https.getPort() < 0 ? 443 : https.getPort();
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.connect(new java.net.InetSocketAddress(https.getHost(), port), (int) probeTimeout.toMillis());
            raw.setSoTimeout((int) probeTimeout.toMillis());
            try (javax.net.ssl.SSLSocket tlsSocket = (javax.net.ssl.SSLSocket) SkipVerifyTls.context().getSocketFactory()
                    .createSocket(raw, https.getHost(), port, false)) {
                tlsSocket.startHandshake();
                tls = true;
            }
        } catch (IOException e) {
            LOG.debug("TLS probe of {} failed: {}", https, e.toString());
            tls = false;
        }
        probes.put(domain, java.util.Map.entry(tls, now.plus(PROBE_REUSE)));
        return tls;
    }
}
