package io.berth.storage.registry;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Makes {@link RegistrySession}s: one JDK {@link HttpClient} for the service (HTTP/1.1, redirects off, 30 s
 * connect timeout, the JDK's default trust store for HTTPS) and the scheme rules of {@link RegistryHosts}.
 */
public final class RegistryClients {
    private final HttpClient http;
    private final RegistryHosts hosts;

    /** @param hosts which registries are plain HTTP */
    public RegistryClients(RegistryHosts hosts) {
        this.hosts = hosts;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * @param domain the reference's domain, e.g. {@code 127.0.0.1:5000}
     * @param repository the repository path
     * @param credentials the user's credentials
     * @param push true to ask for {@code pull,push} access, else {@code pull}
     * @return a new session
     */
    public RegistrySession session(String domain, String repository, RegistryCredentials credentials, boolean push) {
        return new RegistrySession(http, hosts.base(domain), repository, credentials, push ? "pull,push" : "pull");
    }
}
