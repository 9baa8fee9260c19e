package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** berthd's flags for services across hosts: --*-addr and --service-tls*. */
class ServiceLinksTest {
    private static DaemonConfig parse(String... args) {
        Berthd b = new Berthd();
        new CommandLine(b).parseArgs(args);
        return b.config();
    }

    private static final String[] TLS = {"--service-tlscacert", "/c/ca.pem", "--service-tlscert", "/c/cert.pem",
        "--service-tlskey", "/c/key.pem"};

    @Test
    void noFlags_everyServiceLocal_onItsSocket() {
        DaemonConfig c = parse("--exec-root", "/e");
        assertEquals(ServiceLinks.LOCAL, c.links());
        assertEquals("/e/storage.sock", c.address(ServiceKind.STORAGE));
        assertEquals(List.of(), c.links().jvmProperties());
    }

    @Test
    void aRemoteStorage_isNotStarted_andTheOthersGetItsAddress() {
        String[] args = new String[TLS.length + 6];
        System.arraycopy(TLS, 0, args, 0, TLS.length);
        System.arraycopy(new String[] {"--storage-addr", "tcp://10.0.0.5:7001", "--exec-root", "/e",
            "--service-tls-peer", "engine.berth"}, 0, args, TLS.length, 6);
        DaemonConfig c = parse(args);

        assertFalse(c.links().local(ServiceKind.STORAGE));
        assertTrue(c.links().local(ServiceKind.ENGINE));
        List<String> engineArgs = ServiceKind.ENGINE.args(c);
        assertEquals("tcp://10.0.0.5:7001", engineArgs.get(engineArgs.indexOf("--storage-socket") + 1));
        List<String> gatewayArgs = ServiceKind.GATEWAY.args(c);
        assertEquals("tcp://10.0.0.5:7001", gatewayArgs.get(gatewayArgs.indexOf("--storage-socket") + 1));
        assertEquals("/e/engine.sock", gatewayArgs.get(gatewayArgs.indexOf("--engine-socket") + 1));
        assertEquals(List.of("-Dberth.service.tlscacert=/c/ca.pem", "-Dberth.service.tlscert=/c/cert.pem",
                "-Dberth.service.tlskey=/c/key.pem", "-Dberth.service.tlspeers=engine.berth"),
                c.links().jvmProperties());
    }

    @Test
    void badCombinations_areRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--engine-addr", "tcp://h:1"),
                "a remote service needs the TLS files");
        assertThrows(CommandLine.ParameterException.class, () -> parse("--service-tlscacert", "/ca.pem"),
                "the TLS files go together");
        String[] unix = new String[TLS.length + 2];
        System.arraycopy(TLS, 0, unix, 0, TLS.length);
        unix[TLS.length] = "--monitor-addr";
        unix[TLS.length + 1] = "/run/monitor.sock";
        assertThrows(CommandLine.ParameterException.class, () -> parse(unix), "only tcp:// addresses");
    }
}
