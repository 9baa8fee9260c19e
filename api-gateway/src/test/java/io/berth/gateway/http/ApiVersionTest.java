package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void strip_unprefixedPath_meansCurrentVersion() {
        ApiVersion v = ApiVersion.strip("/_ping");
        assertEquals("1.41", v.version());
        assertEquals("/_ping", v.path());
    }

    @Test
    void strip_supportedPrefixes_areRemoved() {
        assertEquals(new ApiVersion("1.41", "/containers/json"), ApiVersion.strip("/v1.41/containers/json"));
        assertEquals(new ApiVersion("1.32", "/info"), ApiVersion.strip("/v1.32/info"));
        assertEquals(new ApiVersion("1.12", "/version"), ApiVersion.strip("/v1.12/version"));
    }

    @Test
    void strip_newerVersion_throwsDockerdsTooNewMessage() {
        UnsupportedApiVersionException e = assertThrows(UnsupportedApiVersionException.class,
                () -> ApiVersion.strip("/v1.50/version"));
        assertEquals("client version 1.50 is too new. Maximum supported API version is 1.41", e.getMessage());
        assertFalse(e.tooOld());
        assertEquals(400, e.category().httpStatus());
    }

    @Test
    void strip_olderVersion_throwsDockerdsTooOldMessage() {
        UnsupportedApiVersionException e = assertThrows(UnsupportedApiVersionException.class,
                () -> ApiVersion.strip("/v1.11/version"));
        assertEquals("client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade your "
                + "client to a newer version", e.getMessage());
        assertTrue(e.tooOld());
    }

    @Test
    void strip_pathThatOnlyLooksLikeAVersion_isLeftAlone() {
        assertEquals("/volumes/v1", ApiVersion.strip("/volumes/v1").path());
        assertEquals("/vx/json", ApiVersion.strip("/vx/json").path());
    }

    @Test
    void compare_isNumericPerComponent() {
        assertTrue(ApiVersion.compare("1.9", "1.12") < 0);
        assertTrue(ApiVersion.compare("1.41", "1.41.0") == 0);
        assertTrue(ApiVersion.compare("2.0", "1.41") > 0);
    }
}
