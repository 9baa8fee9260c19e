package io.berth.engine.network.ports;

import io.berth.engine.container.ContainerPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Create-time checks with dockerd 20.10's texts, and the host ports a start holds, in dockerd's order. */
class PublishedPortsTest {
    private static PortBindings bindings(String... ipPort) {
        PortBindings.Builder b = PortBindings.newBuilder();
        for (int i = 0; i < ipPort.length; i += 2) {
            b.addBindings(PortBinding.newBuilder().setHostIp(ipPort[i]).setHostPort(ipPort[i + 1]));
        }
        return b.build();
    }

    private static ContainerConfig exposed(String... keys) {
        return ContainerConfig.newBuilder().addAllExposedPorts(List.of(keys)).build();
    }

    private static String refusal(ContainerConfig c, HostConfig hc) {
        return assertThrows(InvalidArgumentException.class, () -> PublishedPorts.check(c, hc, new ArrayList<>()))
                .getMessage();
    }

    @Test
    void check_badKeysAndHostPorts_dockerdTexts() {
        ContainerConfig none = ContainerConfig.getDefaultInstance();
        assertEquals("invalid port specification: \"80-82\"",
                refusal(none, HostConfig.newBuilder().putPortBindings("80-82/tcp", bindings("", "8080")).build()));
        assertEquals("invalid port specification: \"70000\"",
                refusal(none, HostConfig.newBuilder().putPortBindings("80/tcp", bindings("", "70000")).build()));
        assertEquals("invalid port specification: \"9000-8000\"",
                refusal(none, HostConfig.newBuilder().putPortBindings("80/tcp", bindings("", "9000-8000")).build()));
        assertEquals("invalid port specification: \"http\"",
                refusal(none, HostConfig.newBuilder().putPortBindings("80/tcp", bindings("", "http")).build()));
        assertEquals("invalid proto: icmp",
                refusal(exposed("80/icmp"), HostConfig.getDefaultInstance()));
        assertEquals("invalid IP address: localhost",
                refusal(none, HostConfig.newBuilder().putPortBindings("80/tcp", bindings("localhost", "80")).build()));
    }

    @Test
    void check_containerNetworkMode_runconfigConflicts() {
        HostConfig joined = HostConfig.newBuilder().setNetworkMode("container:web").build();
        assertEquals("conflicting options: port publishing and the container type network mode",
                refusal(exposed(), joined.toBuilder().setPublishAllPorts(true).build()));
        assertEquals("conflicting options: port exposing and the container type network mode",
                refusal(exposed("80/tcp"), joined));
    }

    @Test
    void check_hostNetwork_dockerdWarning() {
        List<String> warnings = new ArrayList<>();

        PublishedPorts.check(exposed("80/tcp"), HostConfig.newBuilder().setNetworkMode("host")
                .putPortBindings("80/tcp", bindings("", "8080")).build(), warnings);

        assertEquals(List.of("Published ports are discarded when using host network mode"), warnings);
    }

    @Test
    void check_ipv6HostAndSctp_notImplemented() {
        assertThrows(NotImplementedException.class, () -> PublishedPorts.check(exposed("80/tcp"),
                HostConfig.newBuilder().putPortBindings("80/tcp", bindings("::1", "8080")).build(), new ArrayList<>()));
        assertThrows(NotImplementedException.class, () -> PublishedPorts.check(exposed("132/sctp"),
                HostConfig.newBuilder().putPortBindings("132/sctp", bindings("", "132")).build(), new ArrayList<>()));
    }

    @Test
    void check_validSpecs_accepted() {
        List<String> warnings = new ArrayList<>();
        PublishedPorts.check(exposed("80/tcp", "53/udp", "132/sctp", "443"), HostConfig.newBuilder()
                .putPortBindings("80/tcp", bindings("", "8080", "127.0.0.1", "", "0.0.0.0", "0"))
                .putPortBindings("53/udp", bindings("10.0.0.1", "8000-8010"))
                .putPortBindings("443", bindings("", "8443/tcp")).setPublishAllPorts(true).build(), warnings);
        assertEquals(List.of(), warnings);
    }

    @Test
    void requests_onlyExposedPorts_explicitFirstThenEphemeral() {
        HostConfig hc = HostConfig.newBuilder()
                .putPortBindings("80/tcp", bindings("", "8080"))
                .putPortBindings("53/udp", bindings("127.0.0.1", ""))
                .putPortBindings("90/tcp", bindings("", "9000-9002"))
                .putPortBindings("7/tcp", bindings("", "7777"))
                .build();

        List<PortRequest> r = PublishedPorts.requests(exposed("80/tcp", "53/udp", "90/tcp", "443/tcp"), hc);

        assertEquals(List.of(
                new PortRequest(new ContainerPort(90, "tcp"), "", 9000, 9002),
                new PortRequest(new ContainerPort(80, "tcp"), "", 8080, 8080),
                new PortRequest(new ContainerPort(53, "udp"), "127.0.0.1", 0, 0)), r,
                "7/tcp is bound but not exposed (not published, as dockerd); 443 exposed only");
    }

    @Test
    void requests_publishAll_ephemeralForEveryExposedPortWithoutBinding() {
        HostConfig hc = HostConfig.newBuilder().setPublishAllPorts(true)
                .putPortBindings("80/tcp", bindings("", "8080")).build();

        List<PortRequest> r = PublishedPorts.requests(exposed("80/tcp", "443/tcp", "53/udp", "132/sctp"), hc);

        assertEquals(List.of(
                new PortRequest(new ContainerPort(80, "tcp"), "", 8080, 8080),
                new PortRequest(new ContainerPort(443, "tcp"), "", 0, 0),
                new PortRequest(new ContainerPort(53, "udp"), "", 0, 0)), r);
    }

    @Test
    void requests_keyWithoutProtocol_isTcp() {
        HostConfig hc = HostConfig.newBuilder().putPortBindings("80", bindings("", "8080")).build();

        assertEquals(List.of(new PortRequest(new ContainerPort(80, "tcp"), "", 8080, 8080)),
                PublishedPorts.requests(exposed("80/tcp"), hc));
    }

    @Test
    void requests_hostNoneAndContainerModes_nothing() {
        HostConfig hc = HostConfig.newBuilder().setPublishAllPorts(true)
                .putPortBindings("80/tcp", bindings("", "8080")).build();
        for (String mode : List.of("host", "none", "container:web")) {
            assertEquals(List.of(), PublishedPorts.requests(exposed("80/tcp"), hc.toBuilder().setNetworkMode(mode)
                    .build()), mode);
        }
        assertEquals(1, PublishedPorts.requests(exposed("80/tcp"), hc.toBuilder().setNetworkMode("bridge")
                .build()).size());
    }

    @Test
    void requests_imageExposeThatDoesNotParse_skipped() {
        assertEquals(List.of(new PortRequest(new ContainerPort(80, "tcp"), "", 0, 0)), PublishedPorts.requests(
                exposed("abc/tcp", "80/tcp"), HostConfig.newBuilder().setPublishAllPorts(true).build()));
    }
}
