package io.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.Mockito.mock;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.ConmonAttachClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecLauncherTest {
    @TempDir
    Path root;

    @Test
    void deleteLeftovers_dropsExecDirectoriesAndTheirConmonSocketLinksButKeepsContainers() throws Exception {
        EngineConfig config = new EngineConfig(root.resolve("data"), root.resolve("exec"), "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"));
        ExecLauncher launcher = new ExecLauncher(config, mock(ConmonAttachClient.class));
        Path execDir = Files.createDirectories(launcher.execsDir().resolve("e1"));
        Path ctrBundle = Files.createDirectories(config.execRoot().resolve("containers/c1"));
        Files.createDirectories(config.socketDir());
        Files.createSymbolicLink(config.socketDir().resolve("e1"), execDir);
        Files.createSymbolicLink(config.socketDir().resolve("e2"), launcher.execsDir().resolve("e2"));
        Files.createSymbolicLink(config.socketDir().resolve("c1"), ctrBundle);

        launcher.deleteLeftovers();

        assertFalse(Files.exists(execDir));
        try (Stream<Path> s = Files.list(config.socketDir())) {
            assertEquals(List.of(config.socketDir().resolve("c1")), s.toList());
        }
    }
}
