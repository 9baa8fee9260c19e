package io.berth.gateway.host;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.gateway.grpc.ResponseStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemFactsProbeTest {
    @TempDir
    Path root;

    @Test
    void measure_gathersTheHostFilesTheFlagAndTheLiveListeners() throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.createDirectories(root.resolve("proc/sys/net/ipv4"));
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.18.0-test\n");
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), "berthhost\n");
        Files.writeString(root.resolve("proc/sys/net/ipv4/ip_forward"), "1\n");
        EventsListeners listeners = new EventsListeners();
        SystemFactsProbe probe = new SystemFactsProbe(new HostFacts(root), listeners, true, "none", List.of());
        ResponseStream<String> open = listeners.track(ResponseStream.of());

        SystemFacts f = probe.measure();

        assertEquals("berthhost", f.hostname());
        assertEquals("6.18.0-test", f.kernelVersion());
        assertTrue(f.sysctls().ipv4Forwarding());
        assertFalse(f.sysctls().bridgeNfIptables());
        assertTrue(f.debug());
        assertEquals("none", f.loggingDriver());
        assertEquals(1, f.eventsListeners());
        assertEquals(-1, f.openFileDescriptors());
        open.close();
        assertEquals(0, probe.measure().eventsListeners());
    }
}
