package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.berth.common.sys.Sys;
import io.berth.common.testing.TestEnvironment;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.RootfsMounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an engine killed during a docker cp left under exec-root/archive is swept at the next start. */
class ContainerRootsTest {
    @TempDir
    Path root;

    @Test
    void deleteLeftovers_unmountsAndRemovesPrivateRootsOfAKilledEngine() throws Exception {
        TestEnvironment.current().requireRoot("tmpfs and bind mounts");
        EngineConfig config = new EngineConfig(root.resolve("data"), root.resolve("exec"), "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"));
        Path left = Files.createDirectories(config.execRoot().resolve("archive/c1-1"));
        Path bindSource = Files.createDirectories(root.resolve("volume"));
        Files.writeString(bindSource.resolve("keep.txt"), "volume data");
        Sys.mount("tmpfs", "tmpfs", left, List.of("size=1m"));
        try {
            Files.createDirectories(left.resolve("data"));
            Sys.mount("bind", bindSource.toString(), left.resolve("data"), List.of("bind"));
            assertTrue(Files.exists(left.resolve("data/keep.txt")));

            new ContainerRoots(config, mock(RootfsMounter.class)).deleteLeftovers();

            assertFalse(Files.exists(left), "the directory is unmounted and removed");
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(left.toString()));
            assertTrue(Files.exists(bindSource.resolve("keep.txt")), "a bind-mounted volume keeps its files");
        } finally {
            while (Files.readString(Path.of("/proc/self/mountinfo")).contains(left.toString())) {
                Sys.unmount(left, true);
            }
        }
    }
}
