package io.berth.gateway.types.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.proto.storage.v1.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** X-Registry-Auth as dockerd 20.10 reads it: anything that does not decode to credentials is no credentials. */
class AuthConfigTest {
    private static String header(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderOfJsonNull_isNoCredentials_notA500() { // found by FuzzIT: a NullPointerException, answered 500
        assertEquals(RegistryAuth.getDefaultInstance(), AuthConfig.fromHeader(header("null")));
    }

    @Test
    void malformedHeaders_areNoCredentials_andAGoodOneIsRead() {
        for (String bad : new String[] {"{", "[]", "%%%"}) {
            assertEquals(RegistryAuth.getDefaultInstance(), AuthConfig.fromHeader(bad.equals("%%%") ? bad : header(bad)),
                    bad);
        }
        assertEquals("u", AuthConfig.fromHeader(header("{\"username\":\"u\",\"password\":\"p\"}")).getUsername());
    }
}
