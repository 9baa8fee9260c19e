package io.berth.gateway.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSysctlsTest {
    @TempDir
    Path root;

    @Test
    void read_onlyAOneIsOn() throws IOException {
        Files.createDirectories(root.resolve("proc/sys/net/ipv4"));
        Files.createDirectories(root.resolve("proc/sys/net/bridge"));
        Files.writeString(root.resolve("proc/sys/net/ipv4/ip_forward"), "1\n");
        Files.writeString(root.resolve("proc/sys/net/bridge/bridge-nf-call-iptables"), "0\n");
        Files.writeString(root.resolve("proc/sys/net/bridge/bridge-nf-call-ip6tables"), "1\n");
        assertEquals(new NetworkSysctls(true, false, true), NetworkSysctls.read(root));
    }

    @Test
    void read_absentFiles_areOff() {
        assertEquals(new NetworkSysctls(false, false, false), NetworkSysctls.read(root));
    }
}
