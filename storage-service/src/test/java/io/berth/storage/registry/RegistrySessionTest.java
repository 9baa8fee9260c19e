package io.berth.storage.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.UnauthenticatedException;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry client against a fake registry: auth challenges, and every hostile answer it must refuse. */
class RegistrySessionTest {
    static final RegistryClients CLIENTS = new RegistryClients(new RegistryHosts(List.of()));
    FakeRegistry reg;
    FakeRegistry other;

    @AfterEach
    void close() {
        if (reg != null) {
            reg.close();
        }
        if (other != null) {
            other.close();
        }
    }

    RegistrySession session(RegistryCredentials c) {
        return CLIENTS.session(reg.host(), "x", c, false);
    }

    static Descriptor desc(Digest d, long size) {
        return new Descriptor(Manifests.DOCKER_LAYER_GZIP, d, size, null, null);
    }

    @Test
    void basicAuth_isSentAfterTheChallenge_andRefusedWithoutCredentials() throws IOException {
        reg = new FakeRegistry(FakeRegistry.Auth.BASIC, "u", "p");
        reg.putManifest("x", "1", Manifests.DOCKER_MANIFEST, "{}".getBytes());
        assertArrayEquals("{}".getBytes(), session(new RegistryCredentials("u", "p", "", "")).manifest("1", "x:1").body());
        UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                () -> session(RegistryCredentials.NONE).manifest("1", "x:1"));
        assertTrue(e.getMessage().contains("authentication required"), e.getMessage());
        assertThrows(UnauthenticatedException.class, () -> session(new RegistryCredentials("u", "bad", "", "")).manifest("1", "x:1"));
        session(new RegistryCredentials("u", "p", "", "")).ping();
        UnauthenticatedException login = assertThrows(UnauthenticatedException.class,
                () -> session(new RegistryCredentials("u", "bad", "", "")).ping());
        assertEquals("login attempt to " + reg.url() + "/v2/ failed with status: 401 Unauthorized", login.getMessage());
    }

    @Test
    void bearerAuth_getsATokenForTheRepositoryScope() throws IOException {
        reg = new FakeRegistry(FakeRegistry.Auth.BEARER, "u", "p");
        reg.putManifest("x", "1", Manifests.DOCKER_MANIFEST, "{}".getBytes());
        assertArrayEquals("{}".getBytes(), session(new RegistryCredentials("u", "p", "", "")).manifest("1", "x:1").body());
        assertTrue(reg.tokenScope.contains("service=fake-reg"), reg.tokenScope);
        assertTrue(reg.tokenScope.contains("scope=repository:x:pull"), reg.tokenScope);
        assertTrue(CLIENTS.session(reg.host(), "x", new RegistryCredentials("u", "p", "", ""), true).manifest("1", "x:1")
                .body().length > 0);
        assertTrue(reg.tokenScope.contains("scope=repository:x:pull,push"), reg.tokenScope);
        assertThrows(UnauthenticatedException.class, () -> session(new RegistryCredentials("u", "bad", "", "")).manifest("1", "x:1"));
    }

    @Test
    void manifest_missing_isDockersNotFound_andDigestsAreChecked() throws IOException {
        reg = new FakeRegistry(FakeRegistry.Auth.NONE, null, null);
        NotFoundException nf = assertThrows(NotFoundException.class, () -> session(RegistryCredentials.NONE).manifest("1", "h/x:1"));
        assertEquals("manifest for h/x:1 not found: manifest unknown: manifest unknown", nf.getMessage());
        byte[] body = "{\"a\":1}".getBytes();
        Digest real = reg.putManifest("x", "1", Manifests.DOCKER_MANIFEST, body);
        Digest claimed = Digest.sha256("other");
        reg.manifests.put("x/" + claimed, body);
        assertThrows(InvalidArgumentException.class, () -> session(RegistryCredentials.NONE).manifest(claimed.toString(), "x"));
        assertEquals(real, session(RegistryCredentials.NONE).manifest(real.toString(), "x").digest());
        reg.override("/v2/x/manifests/lying", ex -> {
            ex.getResponseHeaders().set("Docker-Content-Digest", claimed.toString());
            FakeRegistry.send(ex, 200, Manifests.DOCKER_MANIFEST, body);
        });
        assertThrows(InvalidArgumentException.class, () -> session(RegistryCredentials.NONE).manifest("lying", "x"));
    }

    @Test
    void manifest_over4MiB_isRefused_declaredOrNot() throws IOException {
        reg = new FakeRegistry(FakeRegistry.Auth.NONE, null, null);
        reg.putManifest("x", "big", Manifests.DOCKER_MANIFEST, new byte[Manifests.MAX_MANIFEST_BYTES + 1]);
        reg.override("/v2/x/manifests/chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] mb = new byte[1 << 20];
                for (int i = 0; i < 6; i++) {
                    out.write(mb);
                }
            }
        });
        for (String tag : List.of("big", "chunked")) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> session(RegistryCredentials.NONE).manifest(tag, "x:" + tag));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
    }

    @Test
    void blob_contentLengthLie_truncation_andOverlongBody_areErrors() throws Exception {
        reg = new FakeRegistry(FakeRegistry.Auth.NONE, null, null);
        byte[] data = new byte[100_000];
        Digest d = reg.putBlob(data);
        assertArrayEquals(data, session(RegistryCredentials.NONE).smallBlob(desc(d, data.length), 1 << 20));
        // The manifest says 10 bytes more than the registry has: Content-Length disagrees.
        BerthException lie = assertThrows(InvalidArgumentException.class,
                () -> session(RegistryCredentials.NONE).blob(desc(d, data.length + 10)));
        assertTrue(lie.getMessage().contains("Content-Length"), lie.getMessage());
        // Truncated: the server promises the full length and closes early.
        reg.override("/v2/x/blobs/" + d, ex -> {
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data, 0, 1000);
            ex.getResponseBody().flush();
            ex.close();
        });
        assertThrows(IOException.class, () -> {
            try (InputStream in = session(RegistryCredentials.NONE).blob(desc(d, data.length))) {
                in.readAllBytes();
            }
        });
        // Chunked with more bytes than declared.
        reg.override("/v2/x/blobs/" + d, ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(data);
                out.write(data);
            }
        });
        IOException longer = assertThrows(IOException.class, () -> {
            try (InputStream in = session(RegistryCredentials.NONE).blob(desc(d, data.length))) {
                in.readAllBytes();
            }
        });
        assertTrue(longer.getMessage().contains("longer than"), longer.getMessage());
        // Wrong content.
        byte[] other = new byte[data.length];
        other[0] = 1;
        reg.override("/v2/x/blobs/" + d, ex -> FakeRegistry.send(ex, 200, null, other));
        assertThrows(InvalidArgumentException.class, () -> session(RegistryCredentials.NONE).smallBlob(desc(d, data.length), 1 << 20));
    }

    @Test
    void redirects_blobsMayLeaveTheHostWithoutCredentials_manifestsMayNot() throws IOException {
        reg = new FakeRegistry(FakeRegistry.Auth.BASIC, "u", "p");
        other = new FakeRegistry(FakeRegistry.Auth.NONE, null, null);
        byte[] data = "layer".getBytes();
        Digest d = other.putBlob(data);
        AtomicReference<String> authAtOther = new AtomicReference<>("unset");
        other.override("/store/blob", ex -> {
            authAtOther.set(ex.getRequestHeaders().getFirst("Authorization"));
            FakeRegistry.send(ex, 200, null, data);
        });
        reg.override("/v2/x/blobs/" + d, ex -> {
            ex.getResponseHeaders().set("Location", other.url() + "/store/blob");
            FakeRegistry.send(ex, 307, null, new byte[0]);
        });
        RegistryCredentials c = new RegistryCredentials("u", "p", "", "");
        assertArrayEquals(data, session(c).smallBlob(desc(d, data.length), 100));
        assertNull(authAtOther.get(), "no credentials to another host");

        reg.override("/v2/x/manifests/1", ex -> {
            ex.getResponseHeaders().set("Location", other.url() + "/v2/x/manifests/1");
            FakeRegistry.send(ex, 302, null, new byte[0]);
        });
        InternalException e = assertThrows(InternalException.class, () -> session(c).manifest("1", "x:1"));
        assertTrue(e.getMessage().contains("another host"), e.getMessage());
        reg.override("/v2/x/manifests/2", ex -> {
            ex.getResponseHeaders().set("Location", "/v2/x/manifests/2");
            FakeRegistry.send(ex, 302, null, new byte[0]);
        });
        InternalException loop = assertThrows(InternalException.class, () -> session(c).manifest("2", "x:2"));
        assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
    }

    @Test
    void unreachableRegistry_saysConnectionRefused() {
        RegistrySession s = CLIENTS.session("127.0.0.1:1", "x", RegistryCredentials.NONE, false);
        InternalException e = assertThrows(InternalException.class, () -> s.manifest("1", "x"));
        assertTrue(e.getMessage().contains("dial tcp 127.0.0.1:1: connect: connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains("null"));
    }

    @Test
    void authChallenge_parsesQuotedParams() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://a/token\",service=\"reg\",scope=\"repository:x:pull,push\"");
        assertEquals("bearer", c.scheme());
        assertEquals("https://a/token", c.params().get("realm"));
        assertEquals("repository:x:pull,push", c.params().get("scope"));
        assertNull(AuthChallenge.parse(""));
        assertEquals("basic", AuthChallenge.parse("Basic").scheme());
    }
}
