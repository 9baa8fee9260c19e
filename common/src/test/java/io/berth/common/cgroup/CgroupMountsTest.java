package io.berth.common.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMountsTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void read_v1_mapsEachControllerToItsMount_ignoringNamedAndUnifiedHierarchies() throws IOException {
        write("proc/self/mountinfo", ""
                + "32 31 0:28 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
                + "33 31 0:29 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd\n"
                + "36 31 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
                + "37 31 0:33 /sub /sys/fs/cgroup/my\\040memory rw,relatime - cgroup cgroup rw,memory\n");
        CgroupMounts m = CgroupMounts.read(root);
        assertFalse(m.unified());
        assertEquals(root.resolve("sys/fs/cgroup/cpu,cpuacct"), m.v1MountPoint("cpu").orElseThrow());
        assertEquals(root.resolve("sys/fs/cgroup/cpu,cpuacct"), m.v1MountPoint("cpuacct").orElseThrow());
        assertEquals(new CgroupMounts.Mount(root.resolve("sys/fs/cgroup/my memory"), "/sub"),
                m.v1Mount("memory").orElseThrow());
        assertTrue(m.v1MountPoint("systemd").isEmpty());
        assertTrue(m.v1MountPoint("name=systemd").isEmpty());
        assertTrue(m.v1MountPoint("pids").isEmpty());
    }

    @Test
    void read_v2_isUnifiedWithoutV1Controllers() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpu io memory pids\n");
        CgroupMounts m = CgroupMounts.read(root);
        assertTrue(m.unified());
        assertEquals(root.resolve("sys/fs/cgroup"), m.unifiedMountPoint());
        assertTrue(m.v1MountPoint("memory").isEmpty());
    }

    @Test
    void cgroupDir_stripsTheMountsCgroupRoot() {
        Path mp = Path.of("/sys/fs/cgroup/pids");
        assertEquals(mp.resolve("berth/x"), CgroupMounts.cgroupDir(mp, "/", "/berth/x"));
        assertEquals(mp.resolve("berth/x"), CgroupMounts.cgroupDir(mp, "/outer", "/outer/berth/x"));
        assertEquals(mp.resolve("outerx/y"), CgroupMounts.cgroupDir(mp, "/outer", "/outerx/y"));
        assertEquals(mp, CgroupMounts.cgroupDir(mp, "/", "/"));
    }
}
