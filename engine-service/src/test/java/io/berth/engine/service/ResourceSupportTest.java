package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.cgroup.CgroupSupport;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSupportTest {
    private static final CgroupSupport ALL = new CgroupSupport(true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true, true, true, true);
    private static final CgroupSupport NONE = new CgroupSupport(false, false, false, false, false, false, false,
            false, false, false, false, false, false, false, false, false, false, false);

    @Test
    void adapt_defaultSwapIsTwiceMemory_andKeptWhereSupported() {
        List<String> w = new ArrayList<>();
        HostConfig hc = ResourceSupport.adapt(HostConfig.newBuilder().setMemoryBytes(10 << 20)
                .setMemoryReservation(8 << 20).setBlkioWeight(100).setOomKillDisable(true).build(), ALL, w);
        assertEquals(20 << 20, hc.getMemorySwap());
        assertEquals(8 << 20, hc.getMemoryReservation());
        assertEquals(100, hc.getBlkioWeight());
        assertTrue(hc.getOomKillDisable());
        assertEquals(List.of(), w);
    }

    @Test
    void adapt_unsupportedControls_areDiscardedWithDockerdsWarnings() {
        List<String> w = new ArrayList<>();
        HostConfig hc = ResourceSupport.adapt(HostConfig.newBuilder().setMemoryBytes(10 << 20).setMemorySwappiness(5)
                .setMemoryReservation(8 << 20).setKernelMemory(8 << 20).setOomKillDisable(true).setBlkioWeight(100)
                .addBlkioDeviceReadBps(HostConfig.ThrottleDevice.newBuilder().setPath("/dev/vda").setRate(1)).build(),
                NONE, w);
        assertEquals(-1, hc.getMemorySwap());
        assertFalse(hc.hasMemorySwappiness());
        assertEquals(0, hc.getMemoryReservation());
        assertEquals(0, hc.getKernelMemory());
        assertFalse(hc.getOomKillDisable());
        assertEquals(0, hc.getBlkioWeight());
        assertEquals(0, hc.getBlkioDeviceReadBpsCount());
        assertEquals("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory"
                + " limited without swap.", w.get(0));
        assertEquals(8, w.size(), w.toString());
        assertThrows(InvalidArgumentException.class, () -> ResourceSupport.adapt(HostConfig.newBuilder()
                .setCpuRealtimeRuntime(10).build(), NONE, new ArrayList<>()));
    }

    @Test
    void adapt_kernelMemory_isAlwaysDiscarded_runcIgnoresIt() {
        List<String> w = new ArrayList<>();
        assertEquals(0, ResourceSupport.adapt(HostConfig.newBuilder().setKernelMemory(8 << 20).build(), ALL, w)
                .getKernelMemory());
        assertTrue(w.get(0).startsWith("Specifying a kernel memory limit is deprecated"));
    }

    @Test
    void checks_dockerdsTexts() {
        assertEquals("Unknown runtime specified kata", message(HostConfig.newBuilder().setRuntime("kata")));
        assertEquals("invalid IPC mode: x", message(HostConfig.newBuilder().setIpcMode("x")));
        assertEquals("invalid PID mode: container:", message(HostConfig.newBuilder().setPidMode("container:")));
        assertEquals("invalid UTS mode: private", message(HostConfig.newBuilder().setUtsMode("private")));
        assertEquals("Invalid value 1001, range for oom score adj is [-1000, 1000]",
                message(HostConfig.newBuilder().setOomScoreAdj(1001)));
        assertEquals("SHM size can not be less than 0", message(HostConfig.newBuilder().setShmSize(-1)));
        assertEquals("You should always set the Memory limit when using Memoryswap limit, see usage",
                message(HostConfig.newBuilder().setMemorySwap(10 << 20)));
        assertEquals("Invalid value: 101, valid memory swappiness range is 0-100",
                message(HostConfig.newBuilder().setMemorySwappiness(101)));
        assertEquals("Range of blkio weight is from 10 to 1000", message(HostConfig.newBuilder().setBlkioWeight(5)));
        assertEquals("invalid --security-opt 2: \"seccom=x\"",
                message(HostConfig.newBuilder().addSecurityOpt("seccom=x")));
        assertEquals("invalid --security-opt 1: \"nonsense\"",
                message(HostConfig.newBuilder().addSecurityOpt("nonsense")));
        assertEquals("sysctl 'vm.swappiness=1' is not whitelisted",
                message(HostConfig.newBuilder().putSysctls("vm.swappiness", "1")));
        assertEquals("invalid device cgroup format 'c 1:3 rwx'",
                message(HostConfig.newBuilder().addDeviceCgroupRules("c 1:3 rwx")));
        assertTrue(message(HostConfig.newBuilder().addDevices(HostConfig.DeviceMapping.newBuilder()
                .setPathOnHost("/nonexistent/dev"))).contains("no such file or directory"));
        assertTrue(message(HostConfig.newBuilder().addSecurityOpt("seccomp={not json")).startsWith(
                "Decoding seccomp profile failed"));
        CreateOptionChecks.check(HostConfig.newBuilder().setIpcMode("container:abc").setPidMode("host")
                .addSecurityOpt("no-new-privileges:false").addSecurityOpt("apparmor=unconfined")
                .addSecurityOpt("label=disable").putSysctls("kernel.shmmax", "1").build());
    }

    private static String message(HostConfig.Builder b) {
        return assertThrows(InvalidArgumentException.class, () -> CreateOptionChecks.check(b.build())).getMessage();
    }
}
