package io.berth.storage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dockerd's secure/insecure registry rules. */
class RegistryHostsTest {
    @Test
    void loopbackAndLocalhostAndFlags_arePlainHttp_othersHttps() {
        RegistryHosts h = new RegistryHosts(List.of("reg.lan:5000", "10.1.0.0/16"));
        assertEquals(URI.create("http://127.0.0.1:5000"), h.base("127.0.0.1:5000"));
        assertEquals(URI.create("http://127.7.7.7"), h.base("127.7.7.7"));
        assertEquals(URI.create("http://localhost:5000"), h.base("localhost:5000"));
        assertEquals(URI.create("http://reg.lan:5000"), h.base("reg.lan:5000"));
        assertEquals(URI.create("http://10.1.2.3:443"), h.base("10.1.2.3:443"));
        assertEquals(URI.create("https://10.2.2.3"), h.base("10.2.2.3"));
        assertEquals(URI.create("https://reg.lan:5001"), h.base("reg.lan:5001"));
        assertEquals(URI.create("https://registry-1.docker.io"), h.base("docker.io"));
        assertFalse(h.insecure("example.com"));
        assertTrue(h.insecure("[::1]:5000"));
        assertThrows(InvalidArgumentException.class, () -> new RegistryHosts(List.of("10.0.0.0/40")));
    }
}
