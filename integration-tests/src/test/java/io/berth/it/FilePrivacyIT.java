package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daemon's files are private as dockerd's (issue 13 "Files on disk"): a local user who is not root ({@code
 * nobody}, through {@code setpriv}) reads neither a container's {@code config.v2.json} nor its bundle's
 * {@code config.json} (both hold its Env), nor its json log, nor a service log, nor a file in a running container's
 * root filesystem; and the modes are dockerd's (data root 0710, exec root 0700, container directory 0700, records
 * 0600, container log 0600/0640, service logs 0600). The test's temporary base directory is opened to everyone first, so
 * only berth's own modes stand between the user and the files.
 */
class FilePrivacyIT {
    private static final String NAME = "privacy-" + ProcessHandle.current().pid();
    private static final String SECRET = "hunter2-" + ProcessHandle.current().pid();

    @RegisterExtension
    static final BerthdExtension berthd = BerthdExtension.overlay2().requireExecutable(Path.of("/usr/bin/setpriv"));

    @AfterEach
    void removeContainer() throws Exception {
        berthd.docker().run("rm", "-f", NAME);
    }

    /** Runs {@code cmd} as nobody:nogroup without supplementary groups. */
    private static DockerCli.Result asNobody(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("setpriv", "--reuid", "nobody", "--regid", "nogroup",
                "--clear-groups"));
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new DockerCli.Result(p.waitFor(), out, err);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Path findUnder(Path root, String fileName) throws IOException {
        try (Stream<Path> s = Files.find(root, 12, (p, a) -> p.getFileName().toString().equals(fileName),
                java.nio.file.FileVisitOption.values())) {
            return s.findFirst().orElseThrow(() -> new AssertionError("no " + fileName + " under " + root));
        }
    }

    @Test
    void nobody_readsNoRecordBundleLogOrRootfsFile() throws Exception {
        BerthdProcess d = berthd.daemon();
        Files.setPosixFilePermissions(d.base, PosixFilePermissions.fromString("rwxr-xr-x"));
        DockerCli docker = berthd.docker();
        String id = docker.ok("run", "-d", "--name", NAME, "-e", "PASSWORD=" + SECRET, WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "echo " + SECRET + " > /secret.txt; echo logged-" + SECRET + "; sleep 300").trim();
        String logPath = docker.ok("inspect", "-f", "{{.LogPath}}", id).trim();
        for (int i = 0; i < 100 && !Files.readString(Path.of(logPath)).contains("logged-"); i++) {
            Thread.sleep(100);
        }
        Path record = d.dataRoot.resolve("containers").resolve(id).resolve("config.v2.json");
        Path bundleConfig = findUnder(d.execRoot, "config.json");
        Path rootfsFile = bundleConfig.resolveSibling("rootfs").resolve("secret.txt");
        Path serviceLog = d.execRoot.resolve("logs/engine-service.log");
        // As root they are all there, holding the secret: the checks below are about permissions only.
        assertTrue(Files.readString(record).contains(SECRET), record.toString());
        assertTrue(Files.readString(bundleConfig).contains(SECRET), bundleConfig.toString());
        assertTrue(Files.readString(Path.of(logPath)).contains(SECRET), logPath);
        assertTrue(Files.readString(rootfsFile).contains(SECRET), rootfsFile.toString());
        assertTrue(Files.size(serviceLog) > 0, serviceLog.toString());

        for (Path p : List.of(record, bundleConfig, Path.of(logPath), rootfsFile, serviceLog,
                d.execRoot.resolve("daemon-settings.json"))) {
            DockerCli.Result r = asNobody("cat", p.toString());
            assertNotEquals(0, r.exitCode(), "nobody read " + p + ": " + r.stdout());
            assertEquals("", r.stdout(), p.toString());
            assertTrue(r.stderr().contains("Permission denied"), p + ": " + r.stderr());
        }
        for (Path dir : List.of(d.dataRoot, d.execRoot, rootfsFile.getParent())) {
            DockerCli.Result r = asNobody("ls", dir.toString());
            assertNotEquals(0, r.exitCode(), "nobody listed " + dir + ": " + r.stdout());
        }

        assertEquals("rwx--x---", mode(d.dataRoot));
        assertEquals("rwx------", mode(d.execRoot));
        assertEquals("rwx------", mode(record.getParent()));
        assertEquals("rw-------", mode(record));
        assertEquals("rwx------", mode(bundleConfig.getParent()));
        assertEquals("rw-------", mode(bundleConfig));
        assertTrue(mode(Path.of(logPath)).endsWith("---"), "json log " + mode(Path.of(logPath))); // conmon: 0600
        assertEquals("rwx------", mode(serviceLog.getParent()));
        try (Stream<Path> logs = Files.list(serviceLog.getParent())) {
            for (Path l : logs.toList()) {
                assertEquals("rw-------", mode(l), l.toString());
            }
        }
        assertEquals(0, Files.getAttribute(record, "unix:uid"));
        assertEquals(0, Files.getAttribute(Path.of(logPath), "unix:uid"));
    }
}
