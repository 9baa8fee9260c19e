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
import java.util.Base64;

/**
 * Makes {@link RegistrySession}s: one JDK {@link HttpClient} for the service (HTTP/1.1, redirects off, 30 s
 * connect timeout, the JDK's default trust store for HTTPS) and the scheme rules of {@link RegistryHosts}.
 *
 * <p>The client is made at the first registry call, not at start: building it loads the default SSL context
 * (the JDK's trust store) and starts the client's selector thread, start-up CPU and idle memory that a daemon
 * which never pulls does not need (bench/README.md, start-up).
 */
public final class RegistryClients {
    private final RegistryHosts hosts;
    /** Made by {@link #http()} at the first use. */
    private volatile HttpClient http;

    /** @param hosts which registries are plain HTTP */
    public RegistryClients(RegistryHosts hosts) {
        this.hosts = hosts;
    }

    /** @return the service's one HTTP client, made at the first call */
    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
                    http = h;
                }
            }
        }
        return h;
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
            HttpResponse<InputStream> r = http().send(b.build(),
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
        return new RegistrySession(http(), hosts.base(domain), repository, credentials, push ? "pull,push" : "pull");
    }
}
