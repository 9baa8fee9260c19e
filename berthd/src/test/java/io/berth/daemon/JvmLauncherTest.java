package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.net.HostAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmLauncherTest {
    private static final JvmLauncher JVM = new JvmLauncher("/usr/bin/java", "/opt/berth/lib/*", 4242, null);

    private static DaemonConfig config(boolean debug) {
        return new DaemonConfig(List.of(HostAddress.parse("unix:///tmp/b.sock"), HostAddress.parse("unix:///tmp/c.sock")),
                Path.of("/d"), Path.of("/e"), debug, "vfs", Path.of("/e/berthd.pid"), Path.of("/berth"), TlsFlags.OFF, null);
    }

    private static io.berth.common.settings.DaemonSettings sizedSettings(String maxLayerSize) {
        io.berth.common.settings.DaemonSettings d = io.berth.common.settings.DaemonSettings.DEFAULTS;
        return new io.berth.common.settings.DaemonSettings(d.debug(), d.logLevel(), d.labels(), d.insecureRegistries(),
                d.registryMirrors(), d.maxConcurrentDownloads(), d.maxConcurrentUploads(), d.liveRestore(),
                d.defaultRuntime(), d.features(), d.logDriver(), d.logOpts(), d.metricsAddr(), maxLayerSize, d.defaultUlimits());
    }

    private static List<String> serviceArgs(List<String> cmd, String mainClass) {
        return cmd.subList(cmd.indexOf(mainClass) + 1, cmd.size());
    }

    @Test
    void command_monitor_matchesContract() {
        List<String> cmd = JVM.command(ServiceKind.MONITOR, config(false));
        assertEquals(List.of("--socket", "/e/monitor.sock", "--data-root", "/d", "--engine-socket", "/e/engine.sock",
                "--metrics-addr", "127.0.0.1:9323"), serviceArgs(cmd, "io.berth.monitor.MonitorMain"));
    }

    @Test
    void command_monitor_passesAnEmptyMetricsAddressToTurnTheViewOff() {
        DaemonConfig c = config(false);
        DaemonConfig off = new DaemonConfig(c.hosts(), c.dataRoot(), c.execRoot(), false, "vfs", c.pidfile(),
                c.cgroupParent(), TlsFlags.OFF, null, "json-file", java.util.Map.of(), "", List.of());
        List<String> args = serviceArgs(JVM.command(ServiceKind.MONITOR, off), "io.berth.monitor.MonitorMain");
        assertEquals("", args.get(args.indexOf("--metrics-addr") + 1));
    }

    @Test
    void command_storage_matchesContract() {
        List<String> cmd = JVM.command(ServiceKind.STORAGE, config(false));
        assertEquals(List.of("--socket", "/e/storage.sock", "--data-root", "/d", "--storage-driver", "vfs",
                "--events-socket", "/e/monitor.sock"), serviceArgs(cmd, "io.berth.storage.StorageMain"));
    }

    @Test
    void command_storage_passesMaxLayerSizeFromTheSettings() {
        DaemonConfig c = config(false);
        DaemonConfig sized = new DaemonConfig(c.hosts(), c.dataRoot(), c.execRoot(), false, "vfs", c.pidfile(),
                c.cgroupParent(), TlsFlags.OFF, null, "json-file", java.util.Map.of(), "", List.of(), null,
                sizedSettings("2g"), c.source(), "", "");
        List<String> args = serviceArgs(JVM.command(ServiceKind.STORAGE, sized), "io.berth.storage.StorageMain");
        assertEquals(List.of("--max-layer-size", "2g"), args.subList(args.size() - 2, args.size()));
    }

    @Test
    void command_engine_matchesContract() {
        List<String> cmd = JVM.command(ServiceKind.ENGINE, config(false));
        assertEquals(List.of("--socket", "/e/engine.sock", "--data-root", "/d", "--exec-root", "/e",
                "--storage-socket", "/e/storage.sock", "--events-socket", "/e/monitor.sock",
                "--cgroup-parent", "/berth", "--log-driver", "json-file"), serviceArgs(cmd, "io.berth.engine.EngineMain"));
    }

    @Test
    void command_engine_passesBridgeAndBipWhenGiven() {
        DaemonConfig c = config(false);
        DaemonConfig bridged = new DaemonConfig(c.hosts(), c.dataRoot(), c.execRoot(), false, "vfs", c.pidfile(),
                c.cgroupParent(), TlsFlags.OFF, null, "json-file", java.util.Map.of(), "", List.of(), c.links(),
                c.settings(), c.source(), "bt0", "10.9.0.1/24");
        List<String> args = serviceArgs(JVM.command(ServiceKind.ENGINE, bridged), "io.berth.engine.EngineMain");
        assertEquals(List.of("--bridge", "bt0", "--bip", "10.9.0.1/24"), args.subList(args.size() - 4, args.size()));
    }

    @Test
    void command_gateway_passesEveryHostAndTheServiceSockets() {
        List<String> cmd = JVM.command(ServiceKind.GATEWAY, config(false));
        assertEquals(List.of("-H", "unix:///tmp/b.sock", "-H", "unix:///tmp/c.sock",
                "--engine-socket", "/e/engine.sock", "--storage-socket", "/e/storage.sock",
                "--monitor-socket", "/e/monitor.sock", "--data-root", "/d", "--exec-root", "/e",
                "--internal-socket", "/e/gateway.sock", "--log-driver", "json-file"),
                serviceArgs(cmd, "io.berth.gateway.GatewayMain"));
    }

    @Test
    void command_jvmPart_hasJavaHeapFlagsParentPidAndClassPath() {
        List<String> cmd = JVM.command(ServiceKind.MONITOR, config(false));
        assertEquals("/usr/bin/java", cmd.get(0));
        assertTrue(cmd.containsAll(JvmLauncher.JVM_FLAGS));
        assertTrue(cmd.contains("-Dberth.parent.pid=4242"));
        assertTrue(cmd.contains("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager"));
        assertEquals("/opt/berth/lib/*", cmd.get(cmd.indexOf("-cp") + 1));
        assertFalse(cmd.contains("-Dberth.log.level=DEBUG"));
        assertTrue(cmd.contains("-Dlog4j2.configurationFactory=io.berth.common.logging.BerthLogConfigurationFactory"),
                cmd.toString());
        assertTrue(cmd.contains("-Dlog4j.provider=io.berth.common.logging.BerthLog4jProvider"), cmd.toString());
    }

    @Test
    void command_debug_addsDebugFlagAndLogLevel() {
        List<String> cmd = JVM.command(ServiceKind.ENGINE, config(true));
        assertTrue(cmd.contains("-Dberth.log.level=DEBUG"));
        assertEquals("--debug", cmd.get(cmd.size() - 1));
    }

    @Test
    void command_withSetsid_startsWithIt() {
        JvmLauncher j = new JvmLauncher("/usr/bin/java", "cp", 1, Path.of("/usr/bin/setsid"));
        List<String> cmd = j.command(ServiceKind.MONITOR, config(false));
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/java"), cmd.subList(0, 2));
    }

    @Test
    void config_paths_followTheLayout() {
        DaemonConfig c = config(false);
        assertEquals(Path.of("/e/logs/api-gateway.log"), c.logFile(ServiceKind.GATEWAY));
        assertEquals(Path.of("/e/logs/storage-service.log"), c.logFile(ServiceKind.STORAGE));
        assertEquals(Path.of("/d/berthd.lock"), c.lockFile());
    }

    @Test
    void compactClassPath_jarsOfOneDirectory_becomeAWildcard() {
        assertEquals("/opt/lib/*", JvmLauncher.compactClassPath("/opt/lib/a.jar:/opt/lib/b.jar"));
        assertEquals("/opt/lib/a.jar:/x/b.jar", JvmLauncher.compactClassPath("/opt/lib/a.jar:/x/b.jar"));
        assertEquals("/opt/classes:/opt/lib/b.jar", JvmLauncher.compactClassPath("/opt/classes:/opt/lib/b.jar"));
    }
}
