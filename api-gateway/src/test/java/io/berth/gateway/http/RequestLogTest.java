package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code berthd -D} logs of a request body: dockerd's JSON with secrets masked, Env values kept. */
class RequestLogTest {
    private static String logged(String json) {
        return RequestLog.loggedBody(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void secrets_areMasked_atAnyDepth_envValuesAreKept() {
        String out = logged("{\"Image\":\"busybox\",\"Env\":[\"PASSWORD=hunter2\"],"
                + "\"creds\":{\"username\":\"u\",\"Password\":\"p4ss\",\"IdentityToken\":\"tok\"},"
                + "\"Spec\":{\"Data\":\"c2VjcmV0\",\"SigningCAKey\":\"k\",\"x\":[{\"serveraddress\":\"r\",\"password\":\"q\"}]}}");

        assertFalse(out.contains("p4ss") || out.contains("tok") || out.contains("c2VjcmV0") || out.contains("\"q\""),
                out);
        assertTrue(out.contains("\"Password\":\"*****\""), out);
        assertTrue(out.contains("PASSWORD=hunter2"), "dockerd logs create bodies with their Env: " + out);
        assertTrue(out.contains("\"username\":\"u\"") && out.contains("\"serveraddress\":\"r\""), out);
    }

    @Test
    void nonJsonOrLargeBodies_areLoggedBySizeOnly() {
        assertEquals("(5 bytes, application/x-tar)",
                RequestLog.loggedBody("hello".getBytes(StandardCharsets.UTF_8), "application/x-tar"));
        assertEquals("(3 bytes, not JSON)", logged("{{{"));
        byte[] big = new byte[RequestLog.MAX_LOGGED_BODY + 1];
        assertEquals("(" + big.length + " bytes)", RequestLog.loggedBody(big, "application/json"));
    }

    @Test
    void secretNames_includeMobysListAndSuffixes() {
        for (String n : new String[] {"password", "Secret", "JoinToken", "UnlockKey", "RegistryToken", "api_key"}) {
            assertTrue(RequestLog.secret(n), n);
        }
        for (String n : new String[] {"Image", "Env", "Keys", "DetachKeys", "username"}) {
            assertFalse(RequestLog.secret(n), n);
        }
    }

    @Test
    void ids_areTwelveHexDigits_andDiffer() {
        RequestLog a = new RequestLog("GET", "/_ping");
        RequestLog b = new RequestLog("GET", "/_ping");
        assertTrue(a.id().matches("[0-9a-f]{12}"), a.id());
        assertFalse(a.id().equals(b.id()));
    }

    @Test
    void quietRequests_areLoggedAtDebug_othersAtInfo() {
        RequestLog ping = new RequestLog("GET", "/_ping");
        RequestLog create = new RequestLog("POST", "/v1.41/containers/create");
        ping.quiet();
        assertEquals(org.apache.logging.log4j.Level.DEBUG, ping.level());
        assertEquals(org.apache.logging.log4j.Level.INFO, create.level());
    }
}
