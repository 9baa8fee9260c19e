package io.berth.storage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.settings.DaemonSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload's insecure registries and mirrors reach the sessions storage makes for pulls (issue 13, SIGHUP). */
class RegistrySettingsTest {
    private static DaemonSettings with(List<String> insecure, List<String> mirrors) {
        DaemonSettings d = DaemonSettings.DEFAULTS;
        return new DaemonSettings(d.debug(), d.logLevel(), d.labels(), insecure, mirrors, d.maxConcurrentDownloads(),
                d.maxConcurrentUploads(), d.liveRestore(), d.defaultRuntime(), d.features(), d.logDriver(),
                d.logOpts(), d.metricsAddr(), d.maxLayerSize(), Map.of());
    }

    /** The endpoint a pull ends at (plain HTTP for an insecure registry; its HTTPS probe is RegistryClientsTest's). */
    private static URI base(RegistryClients c, String domain) {
        return c.hosts().base(domain);
    }

    @Test
    void aReloadedInsecureRegistryIsReachedWithPlainHttpByTheNextPull() {
        RegistryClients clients = RegistrySettings.follow(List.of());
        assertEquals(URI.create("https://10.9.8.7:5000"), base(clients, "10.9.8.7:5000"));
        DaemonSettings before = with(List.of(), List.of());
        DaemonSettings after = with(List.of("10.9.8.7:5000"), List.of());
        RegistrySettings.apply(clients, before, after);
        assertEquals(URI.create("http://10.9.8.7:5000"), base(clients, "10.9.8.7:5000"));
        RegistrySettings.apply(clients, after, with(List.of("10.0.0.0/8"), List.of()));
        assertEquals(URI.create("http://10.9.8.7:5000"), base(clients, "10.9.8.7:5000"));
        RegistrySettings.apply(clients, after, before);
        assertEquals(URI.create("https://10.9.8.7:5000"), base(clients, "10.9.8.7:5000"));
    }

    @Test
    void reloadedMirrorsComeBeforeDockerHubAndOnlyForIt() {
        RegistryClients clients = new RegistryClients(new RegistryHosts(List.of()));
        RegistrySettings.apply(clients, with(List.of(), List.of()),
                with(List.of(), List.of("http://10.1.1.1:5000/", "https://m.example/")));
        List<URI> hub = clients.pullSessions("docker.io", "library/busybox", RegistryCredentials.NONE).stream()
                .map(RegistrySession::base).toList();
        assertEquals(List.of(URI.create("http://10.1.1.1:5000"), URI.create("https://m.example"),
                URI.create("https://registry-1.docker.io")), hub);
        assertEquals(List.of(URI.create("https://q.example")),
                clients.pullSessions("q.example", "x", RegistryCredentials.NONE).stream().map(RegistrySession::base)
                        .toList());
    }

    @Test
    void aReloadStorageCannotUseKeepsThePreviousRegistries() {
        RegistryClients clients = new RegistryClients(new RegistryHosts(List.of("10.9.8.7:5000")));
        RegistrySettings.apply(clients, with(List.of("10.9.8.7:5000"), List.of()),
                with(List.of("10.0.0.0/99"), List.of()));
        assertEquals(URI.create("http://10.9.8.7:5000"), base(clients, "10.9.8.7:5000"));
    }
}
