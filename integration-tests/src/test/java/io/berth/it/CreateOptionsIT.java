package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The create options of issue 10 with the real docker CLI against a real {@code bin/berthd}: each option is
 * checked for its effect inside a real container ({@code /proc/self/status}, cgroup v1 files, {@code ps},
 * {@code id}, /dev/shm), and in {@code docker inspect}; the refusals are 400s naming the option. The cgroup
 * checks read the container's own cgroup through the cgroup mount runc gives it (cgroup v1 on this machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateOptionsIT {
    private static final String B = WalkingSkeletonContract.BUSYBOX;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    final List<String> names = new ArrayList<>();

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String n : names) {
            docker.run("rm", "-f", n);
        }
        names.clear();
    }

    private String name() {
        String n = "opt-" + UUID.randomUUID().toString().substring(0, 8);
        names.add(n);
        return n;
    }

    /** @return stdout of {@code docker run --rm --name <n> args...} (which must succeed) */
    private String run(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "--rm", "--name", name()));
        a.addAll(List.of(args));
        return docker.ok(a.toArray(String[]::new));
    }

    private DockerCli.Result fails(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "--rm", "--name", name()));
        a.addAll(List.of(args));
        DockerCli.Result r = docker.run(a.toArray(String[]::new));
        assertNotEquals(0, r.exitCode(), r.toString());
        return r;
    }

    @Test
    void seccomp_defaultProfileIsApplied_unconfinedAndCustomProfileToo() throws Exception {
        assertTrue(run(B, "grep", "Seccomp:", "/proc/self/status").contains("Seccomp:\t2"));
        assertTrue(run("--security-opt", "seccomp=unconfined", B, "grep", "Seccomp:", "/proc/self/status")
                .contains("Seccomp:\t0"));
        assertTrue(run("--privileged", B, "grep", "Seccomp:", "/proc/self/status").contains("Seccomp:\t0"));
        // the default profile refuses what it must: unshare without CAP_SYS_ADMIN
        DockerCli.Result unshare = fails(B, "unshare", "-U", "true");
        assertTrue(unshare.stderr().contains("Operation not permitted") || unshare.stdout().contains("Operation not"),
                unshare.toString());
        Path profile = Files.createTempFile("seccomp", ".json");
        try {
            Files.writeString(profile, "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\","
                    + "\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}");
            String out = docker.run("run", "--rm", "--name", name(), "--security-opt", "seccomp=" + profile, B,
                    "sh", "-c", "mkdir /x 2>&1; grep Seccomp: /proc/self/status").stdout();
            assertTrue(out.contains("Operation not permitted") && out.contains("Seccomp:\t2"), out);
        } finally {
            Files.deleteIfExists(profile);
        }
    }

    @Test
    void noNewPrivileges_andOomScoreAdj_reachTheProcess() throws Exception {
        assertTrue(run("--security-opt", "no-new-privileges", B, "grep", "NoNewPrivs", "/proc/self/status")
                .contains("NoNewPrivs:\t1"));
        assertTrue(run(B, "grep", "NoNewPrivs", "/proc/self/status").contains("NoNewPrivs:\t0"));
        assertEquals("500\n", run("--oom-score-adj", "500", B, "cat", "/proc/self/oom_score_adj"));
    }

    @Test
    void init_runsTiniAsPid1() throws Exception {
        String out = run("--init", B, "ps", "-o", "pid,args");
        assertTrue(out.contains("1 /sbin/docker-init -- ps"), out);
        String n = name();
        docker.ok("create", "--name", n, "--init", B, "true");
        assertEquals("true\n", docker.ok("inspect", "-f", "{{.HostConfig.Init}}", n));
    }

    @Test
    void memoryOptions_reachTheCgroup_andInspect() throws Exception {
        String out = run("-m", "32m", "--memory-swap", "64m", "--memory-reservation", "16m", "--memory-swappiness",
                "10", "--oom-kill-disable", B, "sh", "-c", "cd /sys/fs/cgroup/memory; cat memory.limit_in_bytes"
                        + " memory.memsw.limit_in_bytes memory.soft_limit_in_bytes memory.swappiness; grep"
                        + " oom_kill_disable memory.oom_control");
        assertEquals("33554432\n67108864\n16777216\n10\noom_kill_disable 1\n", out);
        String n = name();
        docker.ok("create", "--name", n, "-m", "32m", B, "true");
        assertEquals("67108864\n", docker.ok("inspect", "-f", "{{.HostConfig.MemorySwap}}", n),
                "dockerd's default swap is twice the memory");
        DockerCli.Result kmem = docker.run("create", "--name", name(), "--kernel-memory", "8m", B, "true");
        assertEquals(0, kmem.exitCode(), kmem.toString());
        assertTrue(kmem.stderr().contains("Specifying a kernel memory limit is deprecated"), kmem.toString());
        assertTrue(fails("-m", "32m", "--memory-swap", "16m", B, "true").stderr()
                .contains("Minimum memoryswap limit should be larger than memory limit"));
        assertTrue(fails("-m", "16m", "--memory-reservation", "32m", B, "true").stderr()
                .contains("Minimum memory limit can not be less than memory reservation limit"));
    }

    @Test
    void blockIoThrottles_andRealtimeCpu_reachTheCgroup() throws Exception {
        Path disk = Path.of("/dev/vda");
        TestEnvironment.current().require(Files.exists(disk), "a /dev/vda disk");
        String out = run("--device-read-bps", "/dev/vda:1mb", "--device-write-iops", "/dev/vda:100", B, "sh", "-c",
                "cat /sys/fs/cgroup/blkio/blkio.throttle.read_bps_device"
                        + " /sys/fs/cgroup/blkio/blkio.throttle.write_iops_device");
        assertTrue(out.contains(":0 1048576") && out.contains(":0 100"), out);
        assertEquals("1000\n", run("--cpu-rt-runtime", "1000", "--cpu-rt-period", "100000", B,
                "cat", "/sys/fs/cgroup/cpu/cpu.rt_runtime_us"));
        assertTrue(fails("--cpu-rt-runtime", "2000", "--cpu-rt-period", "1000", B, "true").stderr()
                .contains("cpu real-time runtime cannot be higher than cpu real-time period"));
    }

    @Test
    void devices_groupAdd_sysctls_shmSize() throws Exception {
        String out = run("--device", "/dev/null:/dev/mynull:rw", B, "sh", "-c",
                "ls -l /dev/mynull; echo x > /dev/mynull && echo written");
        assertTrue(out.startsWith("crw") && out.contains("1,   3") && out.contains("written"), out);
        run("--device-cgroup-rule", "c 1:3 rwm", B, "true");
        assertTrue(fails("--device-cgroup-rule", "x 1:3 rwm", B, "true").stderr()
                .contains("invalid device cgroup format"));
        String id = run("--group-add", "10", "--group-add", "nobody", B, "id");
        assertTrue(id.contains("groups=10,65534(nobody)"), id);
        assertEquals("1\n1000000\n", run("--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=1000000", B,
                "sh", "-c", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmax"));
        assertTrue(run("--shm-size", "10m", B, "df", "-k", "/dev/shm").contains("10240"));
    }

    @Test
    void namespaceModes_hostAndContainer() throws Exception {
        assertTrue(run("--pid", "host", B, "ps").lines().count() > 5, "the host's processes");
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")), run("--uts", "host", B, "hostname"));
        String donor = name();
        docker.ok("run", "-d", "--name", donor, "--ipc", "shareable", B, "sh", "-c",
                "echo shared > /dev/shm/x; sleep 300");
        String donorIpc = docker.ok("exec", donor, "readlink", "/proc/self/ns/ipc");
        String joined = run("--ipc", "container:" + donor, "--pid", "container:" + donor, B, "sh", "-c",
                "readlink /proc/self/ns/ipc; cat /dev/shm/x; tr '\\000' ' ' < /proc/1/cmdline");
        assertEquals(donorIpc + "shared\nsleep 300 ", joined,
                "the donor's IPC namespace, its /dev/shm, its PID 1");
        String plain = name();
        docker.ok("run", "-d", "--name", plain, B, "sleep", "300");
        assertTrue(fails("--ipc", "container:" + plain, B, "true").stderr().contains("non-shareable IPC"));
        assertTrue(fails("--ipc", "bogus", B, "true").stderr().contains("invalid IPC mode: bogus"));
    }

    @Test
    void cgroupParent_isTheContainersOwn() throws Exception {
        String parent = "berth-it-own-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            String out = run("--cgroup-parent", parent, B, "cat", "/proc/self/cgroup");
            assertTrue(out.contains(":/" + parent + "/"), out);
        } finally {
            for (String c : List.of("blkio", "cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "pids",
                    "systemd", "unified", "cpu", "cpuacct")) {
                Files.deleteIfExists(Path.of("/sys/fs/cgroup", c, parent));
            }
        }
    }

    @Test
    void refusals_areClear400s() throws Exception {
        assertTrue(fails("--runtime", "foo", B, "true").stderr().contains("Unknown runtime specified foo"));
        assertTrue(fails("--storage-opt", "size=1G", B, "true").stderr().contains("--storage-opt"));
        assertTrue(fails("--security-opt", "apparmor=foo", B, "true").stderr().contains("AppArmor"));
        UnixHttp.Response big = http.send("POST", "/v1.41/containers/create",
                "{\"Image\":\"" + B + "\",\"HostConfig\":{\"Memory\":18446744073709551616}}");
        assertEquals(400, big.status(), big.body());
        assertEquals("{\"message\":\"json: cannot unmarshal number 18446744073709551616 into Go struct field"
                + " HostConfig.Memory of type int64\"}", big.body().trim());
        UnixHttp.Response neg = http.send("POST", "/v1.41/containers/create",
                "{\"Image\":\"" + B + "\",\"HostConfig\":{\"BlkioWeight\":-1}}");
        assertEquals(400, neg.status(), neg.body());
        assertTrue(neg.body().contains("of type uint16"), neg.body());
    }

    @Test
    void dockerPy_createOptions() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = BerthdProcess.repoRoot().resolve("integration-tests/src/test/python/create_options_dockerpy.py");
        TestEnvironment.current().require(Files.isExecutable(python), "python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import docker").start();
        TestEnvironment.current().require(probe.waitFor() == 0, "docker-py (Debian python3-docker)");
        String n = name();
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), B, n).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok\n", out);
    }
}
