package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.berth.common.errors.InternalException;
import io.berth.engine.config.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuncClientTest {
    private final CommandRunner runner = mock(CommandRunner.class);
    private final RuncClient runc = new RuncClient(new EngineConfig(Path.of("/d"), Path.of("/run/b"), "/berth",
            Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon")), runner);

    @Test
    void kill_passesPrivateRootIdAndSignalNumber() {
        when(runner.run(any(), any())).thenReturn(new CommandResult(0, "", ""));

        runc.kill("abc", 15, new RuncClient.KillOptions(true));

        verify(runner).run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "kill", "--all", "abc", "15")), any());
    }

    @Test
    void delete_force_addsFlag() {
        when(runner.run(any(), any())).thenReturn(new CommandResult(0, "", ""));

        runc.delete("abc", new RuncClient.DeleteOptions(true));

        verify(runner).run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "delete", "--force", "abc")), any());
    }

    @Test
    void state_parsesStatusAndPid_unknownIsEmpty(@TempDir Path execRoot) throws Exception {
        RuncClient runc = new RuncClient(new EngineConfig(Path.of("/d"), execRoot, "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon")), runner);
        String root = execRoot.resolve("runc").toString();
        Files.createDirectories(execRoot.resolve("runc/abc"));
        Files.createDirectories(execRoot.resolve("runc/gone"));
        when(runner.run(eq(List.of("/usr/sbin/runc", "--root", root, "state", "abc")), any()))
                .thenReturn(new CommandResult(0, "{\"ociVersion\":\"1.0.2\",\"id\":\"abc\",\"pid\":42,"
                        + "\"status\":\"running\"}", ""));
        when(runner.run(eq(List.of("/usr/sbin/runc", "--root", root, "state", "gone")), any()))
                .thenReturn(new CommandResult(1, "", "container does not exist"));

        assertEquals(new RuncState("running", 42), runc.state("abc").orElseThrow());
        assertTrue(runc.state("abc").orElseThrow().isAlive());
        assertTrue(runc.state("gone").isEmpty());
    }

    @Test
    void state_withoutStateDirectory_isEmptyWithoutRunningRunc(@TempDir Path execRoot) {
        RuncClient runc = new RuncClient(new EngineConfig(Path.of("/d"), execRoot, "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon")), runner);

        assertTrue(runc.state("nope").isEmpty());
        verifyNoInteractions(runner);
    }

    @Test
    void message_logrusLineOrPlainText_extractsTheMessage() {
        assertEquals("exec: \"x\": stat x: no such file or directory", RuncClient.message(
                "time=\"2026-11-29T11:01:43Z\" level=error msg=\"exec: \\\"x\\\": stat x: no such file or directory\""));
        assertEquals("plain failure", RuncClient.message("  plain failure\n"));
    }

    @Test
    void start_failure_throwsWithRuncsMessage() {
        when(runner.run(any(), any())).thenReturn(new CommandResult(1, "",
                "time=\"2026-11-29T10:00:00Z\" level=error msg=\"container \\\"abc\\\" is not created\"\n"));

        InternalException e = assertThrows(InternalException.class, () -> runc.start("abc"));
        assertEquals("runc start failed: container \"abc\" is not created", e.getMessage());
    }

    @Test
    void pauseResumeUpdate_passTheirSubcommands() {
        when(runner.run(any(), any())).thenReturn(new CommandResult(0, "", ""));

        runc.pause("abc");
        runc.resume("abc");
        runc.update("abc", Path.of("/b/res.json"));

        verify(runner).run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "pause", "abc")), any());
        verify(runner).run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "resume", "abc")), any());
        verify(runner).run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "update", "--resources",
                "/b/res.json", "abc")), any());
    }

    @Test
    void pids_parsesJsonArray_failureCarriesRuncsMessage() {
        when(runner.run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "ps", "--format", "json", "abc")),
                any())).thenReturn(new CommandResult(0, "[12,13]\n", ""));
        when(runner.run(eq(List.of("/usr/sbin/runc", "--root", "/run/b/runc", "ps", "--format", "json", "x")),
                any())).thenReturn(new CommandResult(1, "", "level=error msg=\"container does not exist\""));

        assertEquals(List.of(12, 13), runc.pids("abc"));
        InternalException e = assertThrows(InternalException.class, () -> runc.pids("x"));
        assertEquals("runc ps failed: container does not exist", e.getMessage());
    }
}
