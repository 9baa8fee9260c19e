package io.berth.storage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --insecure-registry} as dockerd treats it: HTTPS (without certificate checks) first, plain HTTP when the
 * registry does not answer over TLS; a registry not in the list stays HTTPS only. The registry is named by this
 * machine's host name (not a loopback literal, which is always plain HTTP) and listens on every address.
 */
class RegistryClientsTest {
    private static String hostName() throws IOException {
        return InetAddress.getLocalHost().getHostName();
    }

    @Test
    void insecureRegistry_triesTlsFirst() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(0));
            CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    return in.read();
                } catch (IOException e) {
                    return -2;
                }
            });
            String domain = hostName() + ":" + server.getLocalPort();
            RegistryClients clients = new RegistryClients(new RegistryHosts(List.of(domain)), java.time.Duration.ofSeconds(3));

            RegistrySession s = clients.session(domain, "x", RegistryCredentials.NONE, false);

            assertEquals(0x16, firstByte.get(30, TimeUnit.SECONDS), "the first bytes were a TLS handshake record");
            assertEquals(URI.create("http://" + domain), s.base(), "no TLS answer: HTTP");
        }
    }

    @Test
    void insecureRegistry_speakingPlainHttp_isReachedOverHttpAfterTheProbe() throws Exception {
        try (FakeRegistry reg = new FakeRegistry(FakeRegistry.Auth.NONE, null, null, new InetSocketAddress(0))) {
            String domain = hostName() + ":" + reg.port();
            RegistryClients insecure = new RegistryClients(new RegistryHosts(List.of(domain)), java.time.Duration.ofSeconds(3));

            RegistrySession s = insecure.session(domain, "x", RegistryCredentials.NONE, false);
            s.ping();

            assertEquals(URI.create("http://" + domain), s.base());
            RegistrySession secure = new RegistryClients(new RegistryHosts(List.of()))
                    .session(domain, "x", RegistryCredentials.NONE, false);
            assertEquals(URI.create("https://" + domain), secure.base(), "not in the list: HTTPS only");
        }
    }

    @Test
    void bases_areDockerdsEndpointOrder() {
        RegistryHosts h = new RegistryHosts(List.of("reg.lan:5000", "10.1.0.0/16"));
        assertEquals(List.of(URI.create("https://reg.lan:5000"), URI.create("http://reg.lan:5000")), h.bases("reg.lan:5000"));
        assertEquals(List.of(URI.create("https://10.1.2.3"), URI.create("http://10.1.2.3")), h.bases("10.1.2.3"));
        assertEquals(List.of(URI.create("http://127.0.0.1:5000")), h.bases("127.0.0.1:5000"));
        assertEquals(List.of(URI.create("https://reg.lan:5001")), h.bases("reg.lan:5001"));
    }
}
