package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFilesTest {
    @TempDir
    Path tmp;

    private ContainerRecord record(HostConfig hc) {
        Path d = tmp.resolve("c");
        return new ContainerRecord("ab".repeat(32), "/web", Instant.EPOCH, "sh", List.of(),
                TestConfigs.config("box", "", "", false, true, true, false, false, false,
                        List.of(), List.of("sh"), "img", "", null, Map.of(), "", null, List.of(), List.of(), false),
                hc, ContainerState.created(), "sha256:x",
                "vfs", null, null, d.resolve("log").toString(), d.resolve("hostname").toString(),
                d.resolve("hosts").toString(), d.resolve("resolv.conf").toString(), 0, "linux", List.of());
    }

    private ContainerRecord write(HostConfig hc) throws IOException {
        Path hosts = Files.writeString(tmp.resolve("host-hosts"), "127.0.0.1 localhost\n10.1.1.1 gw");
        Path resolv = Files.writeString(tmp.resolve("host-resolv"), "nameserver 10.0.0.2\n");
        ContainerRecord r = record(hc);
        EtcFiles.write(r, hosts, resolv);
        return r;
    }

    @Test
    void write_ownNetwork_localhostEntriesThenExtraHosts() throws IOException {
        ContainerRecord r = write(HostConfig.newBuilder().addAllExtraHosts(List.of("a:1.2.3.4", "v6:fe80::1")).build());

        assertEquals(EtcFiles.hosts() + "1.2.3.4\ta\nfe80::1\tv6\n", Files.readString(Path.of(r.hostsPath())));
        assertEquals("box\n", Files.readString(Path.of(r.hostnamePath())));
        assertEquals("nameserver 10.0.0.2\n", Files.readString(Path.of(r.resolvConfPath())));
    }

    @Test
    void write_onABridge_ownAddressLineLastAndLocalhostResolversFiltered() throws IOException {
        Path hosts = Files.writeString(tmp.resolve("host-hosts"), "127.0.0.1 localhost\n");
        Path resolv = Files.writeString(tmp.resolve("host-resolv"), "nameserver 127.0.0.53\noptions edns0\n");
        ContainerRecord r = record(HostConfig.newBuilder().addExtraHosts("a:1.2.3.4").build());

        EtcFiles.write(r, List.of("172.18.0.2"), hosts, resolv);

        assertEquals(EtcFiles.hosts() + "1.2.3.4\ta\n172.18.0.2\tbox\n", Files.readString(Path.of(r.hostsPath())));
        assertEquals("options edns0\n" + ResolvConf.DEFAULT_NAMESERVERS, Files.readString(Path.of(r.resolvConfPath())));
    }

    @Test
    void names_withDomain_fqdnThenShortName() {
        assertEquals("box", EtcFiles.names("box", ""));
        assertEquals("box.example.com box", EtcFiles.names("box", "example.com"));
        assertEquals("web.local web", EtcFiles.names("web.local", ""));
    }

    @Test
    void write_hostNetwork_hostsFileOfTheHostPlusExtraAndDns() throws IOException {
        ContainerRecord r = write(HostConfig.newBuilder().setNetworkMode("host").addAllExtraHosts(List.of("a:1.2.3.4"))
                .addAllDns(List.of("9.9.9.9")).build());

        assertEquals("127.0.0.1 localhost\n10.1.1.1 gw\n1.2.3.4\ta\n", Files.readString(Path.of(r.hostsPath())));
        assertEquals("nameserver 9.9.9.9\n", Files.readString(Path.of(r.resolvConfPath())));
    }
}
