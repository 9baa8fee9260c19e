package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code docker diff} and {@code docker export} through the real docker CLI against a real {@code bin/berthd}
 * (one per class, on temporary roots): created, running and stopped containers, files added, changed and
 * deleted (also from a lower image layer), a directory replaced, and the mount points runc creates left out
 * as dockerd's init layer leaves them out. Subclasses choose the storage driver. Each test uses containers of
 * its own names and removes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerFilesystemContract {
    static final String BUSYBOX = "fixture/busybox:1";
    static final String MULTILAYER = "fixture/multilayer:1";
    /** Changes a container of the multilayer image, then marks itself ready and waits. */
    static final String CHANGES = "rm /app/keep.txt /app/data/hello.txt; rm -rf /app/olddir; mkdir /app/olddir;"
            + " echo n > /app/olddir/n.txt; echo hi > /app/new.txt; echo x >> /etc/passwd; touch /ready; sleep 600";

    BerthdProcess daemon;
    DockerCli docker;

    /** @return the --storage-driver to run berthd with */
    abstract String driver();

    /** @return the daemon for this class, not started yet (a subclass may put its data root elsewhere) */
    BerthdProcess newDaemon() throws Exception {
        return new BerthdProcess(driver());
    }

    @BeforeAll
    void startDaemon() throws Exception {
        TestEnvironment.current().requireRoot("runc, overlayfs, cgroups");
        assertTrue(Files.isExecutable(DockerCli.DOCKER), "the reference docker CLI must be installed");
        daemon = newDaemon();
        docker = new DockerCli(daemon.socket, daemon.dockerConfig);
        daemon.start();
        for (String archive : List.of("busybox-1.docker-archive.tar", "multilayer-1.docker-archive.tar")) {
            docker.ok("load", "-q", "-i", WalkingSkeletonContract.fixture(archive).toString());
        }
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon == null) {
            return;
        }
        docker.run("rm", "-f", "fs-touch", "fs-created", "fs-changes", "fs-export", "fs-mounts", "fs-latin1");
        int exit = daemon.stop();
        List<String> mounts = daemon.leftoverMounts();
        daemon.forceCleanup();
        assertEquals(0, exit, "berthd must exit 0 on SIGTERM");
        assertEquals(List.of(), mounts, "mounts left behind");
    }

    /** What the multilayer container's {@link #CHANGES} look like in {@code docker diff}, in dockerd's order. */
    private List<String> expectedChanges() {
        List<String> etc = !driver().equals("overlay2") ? List.of("C /etc", "C /etc/passwd") : List.of("C /etc/passwd");
        List<String> all = new ArrayList<>(List.of("C /app", "C /app/data", "D /app/data/hello.txt", "D /app/keep.txt",
                "A /app/new.txt", "C /app/olddir", "D /app/olddir/c.txt", "A /app/olddir/n.txt"));
        all.addAll(etc);
        all.add("A /ready");
        return all;
    }

    private List<String> diff(String name) throws Exception {
        return docker.ok("diff", name).lines().toList();
    }

    /** Starts the multilayer container {@code name} running {@link #CHANGES} and waits until it is done. */
    private void startChanging(String name) throws Exception {
        docker.ok("run", "-d", "-u", "0", "--name", name, "--entrypoint", "sh", MULTILAYER, "-c", CHANGES);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!diff(name).contains("A /ready")) {
            assertTrue(Instant.now().isBefore(deadline), "the container did not finish its changes: " + diff(name));
            Thread.sleep(200);
        }
    }

    /** Runs {@code sh -c script} with the CLI's environment; returns stdout, fails on a non-zero exit. */
    private String shell(String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("DOCKER_CONFIG", daemon.dockerConfig.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
        assertEquals(0, p.exitValue(), script + "\n" + out);
        return out;
    }

    @Test
    void diffAndExport_keepANameThatIsNotUtf8_asDockerdDoes() throws Exception {
        docker.ok("run", "--name", "fs-latin1", BUSYBOX, "sh", "-c", "touch \"$(printf 'caf\\351')\"");

        // dockerd's JSON (Go's encoder) shows the stray byte as U+FFFD; its export tar holds the raw bytes
        assertEquals(List.of("A /caf\uFFFD"), diff("fs-latin1"));
        String names = shell("docker export fs-latin1 | python3 -c \"import sys, tarfile; "
                + "print([m.name.encode('utf-8', 'surrogateescape').hex() for m in tarfile.open(fileobj=sys.stdin.buffer, "
                + "mode='r|') if m.name.startswith('caf')])\"");
        assertEquals("['636166e9']", names.trim());
        docker.ok("rm", "fs-latin1");
    }

    @Test
    void diff_ofAContainerThatTouchedOneFile_isThatFileOnly() throws Exception {
        docker.ok("run", "--name", "fs-touch", BUSYBOX, "touch", "/y");

        assertEquals(List.of("A /y"), diff("fs-touch"));
        docker.ok("rm", "fs-touch");
    }

    @Test
    void diff_ofACreatedContainer_isEmpty_andOfAnUnknownOne_isDockerdsError() throws Exception {
        docker.ok("create", "--name", "fs-created", BUSYBOX);

        assertEquals("", docker.ok("diff", "fs-created"));
        DockerCli.Result r = docker.run("diff", "fs-nosuch");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("Error response from daemon: No such container: fs-nosuch", r.stderr().trim());
        DockerCli.Result e = docker.run("export", "fs-nosuch");
        assertEquals(1, e.exitCode(), e.toString());
        assertTrue(e.stderr().contains("No such container: fs-nosuch"), e.toString());
        docker.ok("rm", "fs-created");
    }

    @Test
    void diff_listsAddedChangedAndDeletedPaths_runningAndStopped() throws Exception {
        startChanging("fs-changes");

        assertEquals(expectedChanges(), diff("fs-changes"));
        docker.ok("stop", "-t", "1", "fs-changes");
        assertEquals(expectedChanges(), diff("fs-changes"));
        docker.ok("rm", "fs-changes");
    }

    @Test
    void diff_showsTheTargetsOfBindAndTmpfsMountsRuncCreated_asDockerdDoes() throws Exception {
        Path host = Files.createDirectories(daemon.base.resolve("bind-source"));
        docker.ok("run", "--name", "fs-mounts", "-v", host + ":/data", "--tmpfs", "/scratch", BUSYBOX, "true");

        assertEquals(List.of("A /data", "A /scratch"), diff("fs-mounts"));
        docker.ok("rm", "fs-mounts");
    }

    @Test
    void export_isTheWholeMergedFilesystem_runningAndStopped() throws Exception {
        startChanging("fs-export");

        List<String> running = shell("docker export fs-export | tar -t").lines().toList();
        docker.ok("stop", "-t", "1", "fs-export");
        Path file = daemon.base.resolve("fs-export.tar");
        docker.ok("export", "-o", file.toString(), "fs-export");

        List<String> names = shell("tar -tf " + file).lines().toList();
        assertEquals(running, names);
        assertTrue(names.containsAll(List.of("app/", "app/greeting.txt", "app/new.txt", "app/olddir/",
                "app/olddir/n.txt", "app/hardlink-a.txt", "app/hardlink-b.txt", "app/suid-tool", "bin/busybox",
                "ready")), names.toString());
        assertTrue(names.containsAll(List.of(".dockerenv", "etc/hosts", "etc/hostname", "etc/resolv.conf",
                "etc/mtab", "proc/", "sys/", "dev/", "dev/console")), "dockerd's init layer entries: " + names);
        for (String gone : List.of("app/keep.txt", "app/data/hello.txt", "app/olddir/c.txt", "app/olddir/a.txt")) {
            assertFalse(names.contains(gone), gone + " was deleted: " + names);
        }
        assertFalse(names.stream().anyMatch(n -> n.startsWith("/") || n.startsWith("./")), names.toString());
        assertEquals("greetings from the build context", shell("tar -xOf " + file + " app/greeting.txt").trim());
        assertEquals("hi\n", shell("tar -xOf " + file + " app/new.txt"));
        assertEquals("", shell("tar -xOf " + file + " etc/hosts"));
        assertTrue(shell("tar -xOf " + file + " etc/passwd").endsWith("x\n"));
        String verbose = shell("tar -tvf " + file);
        assertTrue(verbose.contains("app/hardlink-b.txt link to app/hardlink-a.txt"), verbose);
        assertTrue(verbose.lines().anyMatch(l -> l.startsWith("-rwsr-xr-x root/root") && l.endsWith(" app/suid-tool")),
                verbose);
        assertTrue(verbose.lines().anyMatch(l -> l.startsWith("drwxr-xr-x nobody/nogroup")
                || l.startsWith("drwxr-xr-x 65534/65534")), verbose);
        docker.ok("rm", "fs-export");
    }
}
