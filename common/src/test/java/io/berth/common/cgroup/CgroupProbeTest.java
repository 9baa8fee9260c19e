package io.berth.common.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupProbeTest {
    @TempDir
    Path root;

    private void touch(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void measure_v1_readsEachControlFromItsControllersMount() throws IOException {
        write("proc/self/mountinfo", ""
                + "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
                + "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
                + "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
                + "38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio\n"
                + "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
                + "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
                + "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n");
        touch("sys/fs/cgroup/memory/memory.memsw.limit_in_bytes");
        touch("sys/fs/cgroup/memory/memory.oom_control");
        touch("sys/fs/cgroup/cpu,cpuacct/cpu.shares");
        touch("sys/fs/cgroup/blkio/blkio.throttle.read_bps_device");
        CgroupProbe probe = new CgroupProbe(root);
        assertFalse(probe.unified());
        CgroupSupport c = probe.measure();
        assertTrue(c.memoryLimit());
        assertTrue(c.swapLimit());
        assertFalse(c.kernelMemory());
        assertFalse(c.kernelMemoryTcp());
        assertTrue(c.oomKillDisable());
        assertTrue(c.cpuShares());
        assertFalse(c.cpuCfs());
        assertFalse(c.cpuSet(), "cpuset is not mounted");
        assertTrue(c.pidsLimit());
        assertTrue(c.blkioReadBpsDevice());
        assertFalse(c.blkioWriteBpsDevice());
        assertFalse(c.blkioWeight());
    }

    @Test
    void measure_v2_readsTheRootControllersAndSwapInOwnCgroup() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        write("proc/self/cgroup", "0::/system.slice/berth.service\n");
        touch("sys/fs/cgroup/system.slice/berth.service/memory.swap.max");
        CgroupProbe probe = new CgroupProbe(root);
        assertTrue(probe.unified());
        assertEquals(new CgroupSupport(true, true, false, false, false, true, true, true, true,
                true, true, true, true, true, true, false, true, false), probe.measure());
    }

    @Test
    void measure_v2_withoutSwapFileOrControllers_isFalse() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "memory\n");
        write("proc/self/cgroup", "0::/\n");
        CgroupSupport c = new CgroupProbe(root).measure();
        assertTrue(c.memoryLimit());
        assertFalse(c.swapLimit());
        assertFalse(c.cpuShares());
        assertFalse(c.pidsLimit());
        assertFalse(c.blkioWeight());
    }

    @Test
    void measure_nothingReadable_isAllFalse() {
        assertEquals(new CgroupSupport(false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false), new CgroupProbe(root).measure());
    }
}
