package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.net.HostAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BerthdTest {
    private static DaemonConfig parse(String... args) {
        Berthd b = new Berthd();
        new CommandLine(b).parseArgs(args);
        return b.config();
    }

    @Test
    void config_noFlags_givesDockerdStyleDefaults() {
        DaemonConfig c = parse();
        assertEquals(List.of(HostAddress.parse("unix:///var/run/docker.sock")), c.hosts());
        assertEquals(Path.of("/var/lib/berth"), c.dataRoot());
        assertEquals(Path.of("/var/run/berth"), c.execRoot());
        assertFalse(c.debug());
        assertEquals("overlay2", c.storageDriver());
        assertEquals(Path.of("/var/run/berthd.pid"), c.pidfile());
        assertEquals(Path.of("/berth"), c.cgroupParent());
    }

    @Test
    void config_everyFlag_isTaken() {
        DaemonConfig c = parse("-H", "unix:///tmp/a.sock", "--host", "unix:///tmp/b.sock", "--data-root", "/d",
                "--exec-root", "/e", "-D", "--storage-driver", "vfs", "-p", "/tmp/x.pid", "--cgroup-parent", "/cg");
        assertEquals(List.of(Path.of("/tmp/a.sock"), Path.of("/tmp/b.sock")),
                c.hosts().stream().map(HostAddress::path).toList());
        assertEquals(Path.of("/d"), c.dataRoot());
        assertEquals(Path.of("/e"), c.execRoot());
        assertTrue(c.debug());
        assertEquals("vfs", c.storageDriver());
        assertEquals(Path.of("/tmp/x.pid"), c.pidfile());
        assertEquals(Path.of("/cg"), c.cgroupParent());
    }

    @Test
    void config_fileValues_applyWhereNoFlagIsGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("daemon.json");
        java.nio.file.Files.writeString(f, "{\"data-root\": \"/fd\", \"debug\": true, \"labels\": [\"a=b\"], "
                + "\"hosts\": [\"unix:///tmp/f.sock\"], \"storage-driver\": \"vfs\"}");
        DaemonConfig c = parse("--config-file", f.toString(), "--exec-root", "/e");
        assertEquals(Path.of("/fd"), c.dataRoot());
        assertEquals(Path.of("/e"), c.execRoot());
        assertTrue(c.debug());
        assertEquals("vfs", c.storageDriver());
        assertEquals(List.of(Path.of("/tmp/f.sock")), c.hosts().stream().map(HostAddress::path).toList());
        assertEquals(List.of("a=b"), c.settings().labels());
        assertEquals(f, c.source().file());
        assertTrue(c.source().flags().has(io.berth.daemon.config.ConfigKey.EXEC_ROOT));
    }

    @Test
    void execute_conflictingFlagAndFile_exits1WithDockerdsText(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("daemon.json");
        java.nio.file.Files.writeString(f, "{\"debug\": false}");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        int code;
        try {
            code = new CommandLine(new Berthd()).execute("--config-file", f.toString(), "-D");
        } finally {
            System.setErr(old);
        }
        assertEquals(1, code);
        assertEquals("unable to configure the Docker daemon with file " + f + ": the following directives are "
                + "specified both as a flag and in the configuration file: debug: (from flag: true, from file: false)",
                err.toString().trim());
    }

    @Test
    void config_badLogDefaults_areRefusedBeforeAnyServiceStarts_withDockerdsTexts() {
        assertEquals("berthd: failed to set log opts: unknown log opt 'bogus' for json-file log driver",
                assertThrows(Berthd.ConfigRefusal.class, () -> parse("--log-opt", "bogus=1")).getMessage());
        assertEquals("berthd: failed to set log opts: invalid size: '-1'",
                assertThrows(Berthd.ConfigRefusal.class, () -> parse("--log-opt", "max-size=-1")).getMessage());
        assertEquals("berthd: failed to set log opts: strconv.ParseBool: parsing \"maybe\": invalid syntax",
                assertThrows(Berthd.ConfigRefusal.class, () -> parse("--log-opt", "max-size=1m", "--log-opt",
                        "max-file=2", "--log-opt", "compress=maybe")).getMessage());
        assertEquals("berthd: failed to set log driver: logger: no log driver named 'syslog' is registered",
                assertThrows(Berthd.ConfigRefusal.class, () -> parse("--log-driver", "syslog")).getMessage());
        assertEquals(java.util.Map.of("max-size", "10m", "max-file", "3"),
                parse("--log-opt", "max-size=10m", "--log-opt", "max-file=3").logOpts());
        assertEquals("none", parse("--log-driver", "none", "--log-opt", "max-size=1k").logDriver(),
                "dockerd takes any option with none");
    }

    @Test
    void config_missingNamedFile_isRefused() {
        assertThrows(Berthd.ConfigRefusal.class, () -> parse("--config-file", "/nonexistent/daemon.json"));
    }

    @Test
    void config_otherExecRootWithoutPidfile_putsPidfileInExecRoot() {
        assertEquals(Path.of("/tmp/ex/berthd.pid"), parse("--exec-root", "/tmp/ex").pidfile());
    }

    @Test
    void config_unknownStorageDriver_isAParameterError() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--storage-driver", "zfs"));
        assertTrue(e.getMessage().contains("zfs"), e.getMessage());
    }

    @Test
    void config_fdWithoutPassedSockets_isAParameterErrorWithDockerdsText() {
        // The test JVM has no LISTEN_PID naming it, so nothing was passed.
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("-H", "fd://"));
        assertTrue(e.getMessage().contains("failed to load listeners: no sockets found via socket activation"),
                e.getMessage());
    }

    @Test
    void config_tcpHosts_defaultPortDependsOnTls() {
        assertEquals(2375, parse("-H", "tcp://127.0.0.1").hosts().get(0).port());
        DaemonConfig tls = parse("-H", "tcp://127.0.0.1", "--tlsverify", "--tlscacert", "/c/ca.pem");
        assertEquals(2376, tls.hosts().get(0).port());
        assertEquals(new TlsFlags(true, true, Path.of("/c/ca.pem"), tls.tls().cert(), tls.tls().key()), tls.tls());
        assertTrue(tls.tls().cert().endsWith("cert.pem"), tls.tls().toString());
        assertEquals(List.of("--tlsverify", "--tlscacert", "/c/ca.pem", "--tlscert", tls.tls().cert().toString(),
                "--tlskey", tls.tls().key().toString()), tls.tls().gatewayArgs());
        assertEquals(List.of(), parse("-H", "tcp://127.0.0.1").tls().gatewayArgs());
    }

    @Test
    void tlsFlags_defaultCertDirIsDockerCertPathElseHomeDotDocker() {
        assertEquals(Path.of("/certs"), TlsFlags.defaultCertDir(java.util.Map.of("DOCKER_CERT_PATH", "/certs"),
                Path.of("/root")));
        assertEquals(Path.of("/root/.docker"), TlsFlags.defaultCertDir(java.util.Map.of(), Path.of("/root")));
    }

    @Test
    void execute_badFlag_exitsNonZeroWithUsage() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Berthd()).setErr(new PrintWriter(err)).execute("--storage-driver", "zfs");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("Usage: berthd"), err.toString());
    }

    @Test
    void execute_version_printsBerthdVersion() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new Berthd()).setOut(new PrintWriter(out)).execute("--version");
        assertEquals(0, code);
        assertTrue(out.toString().startsWith("berthd version "), out.toString());
    }
}
