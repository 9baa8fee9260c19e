package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OomCheckTest {
    @Test
    void v1_readsOomKillOfTheContainersMemoryCgroup(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"),
                "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n");
        Path dir = Files.createDirectories(root.resolve("sys/fs/cgroup/memory/berth/a"));
        Files.writeString(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup/memory/berth/b"));
        Files.writeString(root.resolve("sys/fs/cgroup/memory/berth/b/memory.oom_control"),
                "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        OomCheck check = new OomCheck(CgroupMounts.read(root));
        assertTrue(check.oomKilled("/berth/a"));
        assertFalse(check.oomKilled("/berth/b"));
        assertFalse(check.oomKilled("/berth/gone"));
    }

    @Test
    void v2_readsMemoryEvents(@TempDir Path root) throws Exception {
        Path cg = Files.createDirectories(root.resolve("sys/fs/cgroup"));
        Files.writeString(cg.resolve("cgroup.controllers"), "cpu memory\n");
        Path dir = Files.createDirectories(cg.resolve("berth/a"));
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\n");
        assertTrue(new OomCheck(CgroupMounts.read(root)).oomKilled("/berth/a"));
    }
}
