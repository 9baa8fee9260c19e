package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker import} (POST /images/create?fromSrc=) against a real {@code bin/berthd} with the real docker
 * CLI and docker-py: {@code scripts/busybox-image.sh} (the README's first image) makes a busybox that runs;
 * a tar from stdin with {@code --change} and {@code --message}; refusals with dockerd's messages that leave
 * no image; an unreachable URL; the {@code import} and {@code tag} events. Each test removes its images.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageImportIT {
    DockerCli docker;
    BerthdProcess daemon;
    final List<String> made = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @TempDir
    Path work;

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
    }

    @AfterEach
    void removeImages() throws Exception {
        for (String ref : made) {
            docker.run("rmi", "-f", ref);
        }
        made.clear();
    }

    private Path rootfsTar() throws Exception {
        Path dir = Files.createDirectories(work.resolve("rootfs"));
        Files.writeString(dir.resolve("hello.txt"), "imported\n");
        Path tar = work.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "-C", dir.toString(), "-cf", tar.toString(), ".").inheritIO().start();
        assertEquals(0, p.waitFor());
        return tar;
    }

    @Test
    void busyboxImageScript_importsABusyboxThatRuns() throws Exception {
        TestEnvironment.current().require(Files.isExecutable(Path.of("/bin/busybox")), "/bin/busybox (busybox-static)");
        made.add("it/busybox:script");
        Path script = BerthdProcess.repoRoot().resolve("scripts/busybox-image.sh");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "it/busybox:script").redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("DOCKER", DockerCli.DOCKER.toString());
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String id = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), out);

        assertEquals(id + "\n", docker.ok("inspect", "--format", "{{.Id}}", "it/busybox:script"));
        assertEquals("[sh]\n", docker.ok("inspect", "--format", "{{.Config.Cmd}}", "it/busybox:script"));
        assertEquals("hello\nnobody:x:65534:65534:nobody:/home:/bin/false\n", docker.ok("run", "--rm",
                "it/busybox:script", "sh", "-c", "echo hello; grep nobody /etc/passwd"));
        assertEquals("65534\n", docker.ok("run", "--rm", "-u", "nobody", "it/busybox:script", "id", "-u"));
    }

    @Test
    void importFromStdin_withChangesAndMessage() throws Exception {
        made.add("it/imported:1");
        DockerCli.Result r = docker.runFiles(rootfsTar(), null, "import", "-c", "ENV A=b", "-c", "EXPOSE 80",
                "-c", "LABEL l=v", "-c", "WORKDIR /w", "-c", "CMD [\"/nosuch\"]", "-m", "my message", "-",
                "it/imported:1");
        assertEquals(0, r.exitCode(), r.toString());

        assertEquals("[A=b] map[80/tcp:{}] map[l:v] /w [/nosuch] my message linux 1\n", docker.ok("inspect",
                "--format", "{{.Config.Env}} {{.Config.ExposedPorts}} {{.Config.Labels}} {{.Config.WorkingDir}} "
                        + "{{.Config.Cmd}} {{.Comment}} {{.Os}} {{len .RootFS.Layers}}", "it/imported:1"));
        String until = Long.toString(System.currentTimeMillis() / 1000 + 2);
        String events = docker.ok("events", "--since", "60s", "--until", until, "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        assertTrue(events.contains("tag it/imported:1"), events);
        assertTrue(events.lines().anyMatch(l -> l.startsWith("import sha256:")), events);
    }

    @Test
    void refusals_areClearAndLeaveNoImage() throws Exception {
        Path tar = rootfsTar();
        String before = docker.ok("images", "-q", "--no-trunc");

        DockerCli.Result bad = docker.run("import", "-c", "RUN true", tar.toString(), "it/bad:1");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("run is not a valid change command"), bad.toString());
        DockerCli.Result os = docker.run("import", "--platform", "windows/amd64", tar.toString(), "it/bad:2");
        assertTrue(os.stderr().contains("operating system is not supported"), os.toString());
        DockerCli.Result url = docker.run("import", "http://127.0.0.1:9/rootfs.tar", "it/bad:3");
        assertEquals(1, url.exitCode(), url.toString());
        assertTrue(url.stderr().contains("cannot download http://127.0.0.1:9/rootfs.tar"), url.toString());

        assertEquals(before, docker.ok("images", "-q", "--no-trunc"));
    }

    @Test
    void dockerPyImport() throws Exception {
        made.add("py/imported:1");
        String out = DockerPy.run("import_dockerpy.py", daemon.socket, WalkingSkeletonContract.BUSYBOX);
        assertTrue(out.contains("docker-py import: ok"), out);
    }
}
