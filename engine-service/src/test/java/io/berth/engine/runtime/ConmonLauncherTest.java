package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.berth.engine.TestConfigs;
import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.proto.engine.v1.ContainerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConmonLauncherTest {
    private static final ConmonLog LOG = new ConmonLog(java.nio.file.Path.of("/d/c1/c1-k8s.log"), 0);
    private final ConmonLauncher launcher = new ConmonLauncher(new EngineConfig(Path.of("/d"), Path.of("/x"), "/berth",
            Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon")));
    private final Bundle bundle = new Bundle(Path.of("/x/containers/c1"));

    private List<String> flagsAfterLogLevel(StdinMode mode) {
        List<String> c = launcher.command("c1", "web", bundle, mode, false, LOG);
        return c.subList(c.indexOf("--log-level") + 4, c.size());
    }

    @Test
    void command_stdinModes_giveConmonsStdinFlags() {
        assertEquals(List.of(), flagsAfterLogLevel(StdinMode.CLOSED));
        assertEquals(List.of("-i"), flagsAfterLogLevel(StdinMode.ONCE));
        assertEquals(List.of("-i", "--leave-stdin-open"), flagsAfterLogLevel(StdinMode.OPEN));
        assertFalse(launcher.command("c1", "web", bundle, StdinMode.CLOSED, false, LOG).contains("-t"));
    }

    @Test
    void command_logsToTheDataRootFile_withConmonsCapOnlyWhenAsked() {
        List<String> c = launcher.command("c1", "web", bundle, StdinMode.CLOSED, false, LOG);
        assertEquals(List.of("-l", "k8s-file:/d/c1/c1-k8s.log"), c.subList(c.indexOf("--log-level") + 2,
                c.indexOf("--log-level") + 4));
        assertEquals("--no-sync-log", c.get(c.indexOf("--log-level") - 1), "no fsync before the exit file");
        assertEquals(List.of("-l", "k8s-file:/d/c1/attach-k8s.log", "--log-size-max", "1048576"),
                new ConmonLog(Path.of("/d/c1/attach-k8s.log"), ConmonLog.ATTACH_ONLY_BYTES).conmonArgs());
    }

    @Test
    void command_terminal_addsConmonsTerminalFlag() {
        List<String> c = launcher.command("c1", "web", bundle, StdinMode.OPEN, true, LOG);
        assertEquals(List.of("-t", "-i", "--leave-stdin-open"), c.subList(c.indexOf("--log-level") + 4, c.size()));
    }

    @Test
    void of_openStdinAndStdinOnce_mapToModes() {
        assertEquals(StdinMode.CLOSED, StdinMode.of(config(false, false)));
        assertEquals(StdinMode.CLOSED, StdinMode.of(config(false, true)));
        assertEquals(StdinMode.ONCE, StdinMode.of(config(true, true)));
        assertEquals(StdinMode.OPEN, StdinMode.of(config(true, false)));
    }

    @Test
    void of_tty_neverClosesStdinOnAClientsEof() {
        assertEquals(StdinMode.OPEN, StdinMode.of(config(true, true, true)));
        assertEquals(StdinMode.OPEN, StdinMode.of(config(true, false, true)));
        assertEquals(StdinMode.CLOSED, StdinMode.of(config(false, false, true)));
    }

    private static ContainerConfig config(boolean openStdin, boolean stdinOnce) {
        return config(openStdin, stdinOnce, false);
    }

    private static ContainerConfig config(boolean openStdin, boolean stdinOnce, boolean tty) {
        return TestConfigs.config("", "", "", openStdin, true, true, tty, openStdin, stdinOnce, List.of(),
                List.of("cat"), "img", "", null, Map.of(), "", null, List.of(), List.of(), false);
    }
}
