package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker cp} and the archive routes (HEAD, GET, PUT /containers/{id}/archive) through the real docker
 * CLI, docker-py and raw HTTP against a real {@code bin/berthd} (overlay2, one daemon for the class): files,
 * directories, symbolic links (followed with {@code -L} or not) and {@code -} in both directions, on running,
 * stopped and created containers, into bind mounts and tmpfs; hostile container symlinks and hostile tars
 * confined to the container; dockerd's errors and events. Each test uses containers of its own names
 * ({@code cp-*}) and removes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerArchiveIT {
    private static final String BUSYBOX = "fixture/busybox:1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BerthdProcess daemon;
    private DockerCli docker;
    private Path work;
    private final List<String> containers = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().withoutProcessCheck();

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        work = daemon.base.resolve("cp-work");
        Files.createDirectories(work);
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        containers.clear();
        assertFalse(Files.exists(daemon.execRoot.resolve("archive"))
                && Files.list(daemon.execRoot.resolve("archive")).findAny().isPresent(),
                "private archive mounts of stopped containers must be gone");
    }

    private String running(String name, String... extra) throws Exception {
        containers.add(name);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(extra));
        args.addAll(List.of(BUSYBOX, "sh", "-c", "touch /ready; sleep 600"));
        docker.ok(args.toArray(String[]::new));
        for (int i = 0; i < 100 && docker.run("cp", name + ":/ready", "-").exitCode() != 0; i++) {
            Thread.sleep(100);
        }
        return name;
    }

    private String created(String name, String... extra) throws Exception {
        containers.add(name);
        List<String> args = new ArrayList<>(List.of("create", "--name", name));
        args.addAll(List.of(extra));
        args.addAll(List.of(BUSYBOX, "cat", "/tmp/in/hello.txt"));
        docker.ok(args.toArray(String[]::new));
        return name;
    }

    private Path hostFile(String name, String content) throws IOException {
        Path p = work.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    /** The content of one file in the container, read with {@code docker cp ctr:path -}. */
    private String read(String container, String path) throws Exception {
        Path tar = work.resolve("read.tar");
        DockerCli.Result r = docker.runFiles(null, tar, "cp", container + ":" + path, "-");
        assertEquals(0, r.exitCode(), () -> "docker cp " + container + ":" + path + " -: " + r);
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry e = in.getNextEntry();
            assertTrue(e != null && e.isFile() && !e.isSymbolicLink(), "one file entry for " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> tarListing(Path tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
            }
        }
        return out;
    }

    @Test
    void fileBothWaysOnARunningContainer() throws Exception {
        String c = running("cp-file");
        Path f = hostFile("hello.txt", "hello from the host\n");
        docker.ok("cp", f.toString(), c + ":/tmp/");
        docker.ok("cp", f.toString(), c + ":/tmp/renamed.txt");
        assertEquals("hello from the host\n", read(c, "/tmp/hello.txt"));
        assertEquals("hello from the host\n", read(c, "/tmp/renamed.txt"));
        Path back = work.resolve("back-passwd");
        docker.ok("cp", c + ":/etc/passwd", back.toString());
        assertTrue(Files.readString(back).startsWith("root:x:0:0:"), Files.readString(back));
    }

    @Test
    void directoryWithALinkBothWays() throws Exception {
        String c = running("cp-dir");
        Path dir = work.resolve("tree");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("sub/b.txt"), "b");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
        docker.ok("cp", dir.toString(), c + ":/tmp/");
        assertEquals("b", read(c, "/tmp/tree/sub/b.txt"));
        Path out = work.resolve("tree-back");
        docker.ok("cp", c + ":/tmp/tree", out.toString());
        assertEquals("a", Files.readString(out.resolve("a.txt")));
        assertEquals("b", Files.readString(out.resolve("sub/b.txt")));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(out.resolve("link")));
        Path tar = work.resolve("tree.tar");
        assertEquals(0, docker.runFiles(null, tar, "cp", c + ":/tmp/tree/.", "-").exitCode());
        assertEquals(List.of("./", "./a.txt", "./link -> a.txt", "./sub/", "./sub/b.txt"), tarListing(tar));
    }

    @Test
    void symbolicLinkCopiedAsALinkOrFollowedWithL() throws Exception {
        String c = running("cp-link");
        docker.ok("cp", hostFile("target.txt", "target").toString(), c + ":/tmp/");
        Path tarIn = work.resolve("link.tar");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tarIn))) {
            TarArchiveEntry e = new TarArchiveEntry("lnk", TarConstants.LF_SYMLINK);
            e.setLinkName("target.txt");
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        }
        assertEquals(0, docker.runFiles(tarIn, null, "cp", "-", c + ":/tmp").exitCode());
        Path asLink = work.resolve("as-link");
        docker.ok("cp", c + ":/tmp/lnk", asLink.toString());
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(asLink));
        Path followed = work.resolve("followed");
        docker.ok("cp", "-L", c + ":/tmp/lnk", followed.toString());
        assertFalse(Files.isSymbolicLink(followed));
        assertEquals("target", Files.readString(followed));

        UnixHttp.Response head = new UnixHttp(daemon.socket).send("HEAD", "/v1.41/containers/" + c
                + "/archive?path=/tmp/lnk", null);
        assertEquals(200, head.status());
        JsonNode stat = JSON.readTree(Base64.getDecoder().decode(head.header("x-docker-container-path-stat")));
        assertEquals("lnk", stat.get("name").asText());
        assertEquals((1L << 27) | 0777, stat.get("mode").asLong(), "Go's ModeSymlink|0777");
        assertEquals("/tmp/target.txt", stat.get("linkTarget").asText());
    }

    @Test
    void tarOnStdinAndStdout() throws Exception {
        String c = running("cp-dash");
        Path tarIn = work.resolve("in.tar");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tarIn))) {
            byte[] data = "from stdin".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("dash/stdin.txt");
            e.setSize(data.length);
            e.setMode(0640);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        DockerCli.Result in = docker.runFiles(tarIn, null, "cp", "-", c + ":/tmp");
        assertEquals(0, in.exitCode(), in::toString);
        Path out = work.resolve("out.tar");
        assertEquals(0, docker.runFiles(null, out, "cp", c + ":/tmp/dash", "-").exitCode());
        assertEquals(List.of("dash/", "dash/stdin.txt"), tarListing(out));
        try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(out))) {
            t.getNextEntry();
            TarArchiveEntry e = t.getNextEntry();
            assertEquals(0640, e.getMode() & 07777);
            assertEquals("from stdin", new String(t.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void createdAndStoppedContainersBothWays() throws Exception {
        String c = created("cp-created");
        Path f = hostFile("in/hello.txt", "written while created\n");
        docker.ok("cp", f.getParent().toString(), c + ":/tmp/");
        assertEquals("written while created\n", read(c, "/tmp/in/hello.txt"));
        assertEquals("written while created\n", docker.ok("start", "-a", c));
        docker.ok("cp", hostFile("in/hello.txt", "written while stopped\n").toString(), c + ":/tmp/in/hello.txt");
        assertEquals("written while stopped\n", read(c, "/tmp/in/hello.txt"));
        assertEquals("written while stopped\n", docker.ok("start", "-a", c));
    }

    @Test
    void bindMountAndTmpfsReceiveTheCopy() throws Exception {
        Path bind = Files.createDirectories(work.resolve("bind-src"));
        String c = running("cp-bind", "-v", bind + ":/data", "--tmpfs", "/scratch");
        Path f = hostFile("to-bind.txt", "into the bind mount");
        docker.ok("cp", f.toString(), c + ":/data/");
        assertEquals("into the bind mount", Files.readString(bind.resolve("to-bind.txt")));
        docker.ok("cp", f.toString(), c + ":/scratch/");
        assertEquals("into the bind mount", read(c, "/scratch/to-bind.txt"));

        String s = created("cp-bind-created", "-v", bind + ":/data");
        docker.ok("cp", hostFile("second.txt", "while created").toString(), s + ":/data/");
        assertEquals("while created", Files.readString(bind.resolve("second.txt")));
        assertEquals("into the bind mount", read(s, "/data/to-bind.txt"));
    }

    @Test
    void containerSymlinksToHostFilesStayInTheContainer() throws Exception {
        byte[] hostShadow = Files.readAllBytes(Path.of("/etc/shadow"));
        containers.add("cp-evil");
        docker.ok("run", "-d", "--name", "cp-evil", BUSYBOX, "sh", "-c", "echo container-shadow > /etc/shadow;"
                + " ln -s /etc/shadow /x; ln -s ../../../../../../etc/shadow /y; ln -s / /rootlink;"
                + " ln -s /proc/self/root /magic; touch /ready; sleep 600");
        for (int i = 0; i < 100 && docker.run("cp", "cp-evil:/ready", "-").exitCode() != 0; i++) {
            Thread.sleep(100);
        }
        assertEquals("container-shadow\n", read("cp-evil", "/rootlink/etc/shadow"));
        Path viaX = work.resolve("via-x");
        docker.ok("cp", "-L", "cp-evil:/x", viaX.toString());
        assertEquals("container-shadow\n", Files.readString(viaX));
        Path viaY = work.resolve("via-y");
        docker.ok("cp", "-L", "cp-evil:/y", viaY.toString());
        assertEquals("container-shadow\n", Files.readString(viaY));
        DockerCli.Result magic = docker.run("cp", "cp-evil:/magic/etc/hostname", work.resolve("m").toString());
        assertNotEquals(0, magic.exitCode(), "a magic link never reaches the engine's own root: " + magic);

        Path payload = hostFile("payload", "written through the link\n");
        docker.ok("cp", payload.toString(), "cp-evil:/x");
        docker.ok("cp", payload.toString(), "cp-evil:/rootlink/etc/");
        assertEquals("written through the link\n", read("cp-evil", "/etc/shadow"));
        assertEquals("written through the link\n", read("cp-evil", "/etc/payload"));
        assertEquals(sha256(hostShadow), sha256(Files.readAllBytes(Path.of("/etc/shadow"))), "host /etc/shadow");
        assertFalse(Files.exists(Path.of("/etc/payload")), "nothing written to the host's /etc");
    }

    @Test
    void hostileTarsAreRefusedOrConfined() throws Exception {
        String c = running("cp-tar");
        Path dotdot = tar("dotdot.tar", t -> file(t, "../../../../tmp/cp-escaped-by-tar", "bad"));
        DockerCli.Result r = docker.runFiles(dotdot, null, "cp", "-", c + ":/tmp");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("is outside of"), r.stderr());
        assertFalse(Files.exists(Path.of("/tmp/cp-escaped-by-tar")));

        Path device = tar("dev.tar", t -> {
            TarArchiveEntry e = new TarArchiveEntry("null2", TarConstants.LF_CHR);
            e.setDevMajor(1);
            e.setDevMinor(3);
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        });
        r = docker.runFiles(device, null, "cp", "-", c + ":/tmp");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("device node"), r.stderr());

        Path chain = tar("chain.tar", t -> {
            TarArchiveEntry l = new TarArchiveEntry("esc", TarConstants.LF_SYMLINK);
            l.setLinkName("/");
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            file(t, "esc/etc/cp-through-link", "confined");
            file(t, "/abs-entry", "absolute");
        });
        assertEquals(0, docker.runFiles(chain, null, "cp", "-", c + ":/tmp").exitCode());
        assertEquals("confined", read(c, "/tmp/etc/cp-through-link"), "the link resolves inside the target");
        assertEquals("absolute", read(c, "/tmp/abs-entry"));
        assertFalse(Files.exists(Path.of("/etc/cp-through-link")));
    }

    @Test
    void namesThatAreNotUtf8BothWays() throws Exception {
        String c = running("cp-raw");
        docker.ok("exec", c, "sh", "-c", "mkdir /tmp/raw && printf latin > \"/tmp/raw/$(printf 'caf\\351')\"");
        Path out = work.resolve("raw-back");
        docker.ok("cp", c + ":/tmp/raw", out.toString());
        String cafe = io.berth.common.fs.RawNames.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertEquals("latin", Files.readString(io.berth.common.fs.RawNames.resolve(out, cafe)),
                "GET /archive carries the name's raw bytes");

        Path up = Files.createDirectories(work.resolve("up"));
        String the = io.berth.common.fs.RawNames.decode(new byte[] {'t', 'h', (byte) 0xe9, '.', 't', 'x', 't'});
        Files.writeString(io.berth.common.fs.RawNames.resolve(up, the), "uploaded");
        docker.ok("cp", up.toString(), c + ":/tmp/");
        DockerCli.Result cat = docker.run("exec", c, "sh", "-c", "cat \"/tmp/up/$(printf 'th\\351.txt')\"");
        assertEquals(0, cat.exitCode(), cat::toString);
        assertEquals("uploaded", cat.stdout(), "PUT /archive creates the entry under its raw bytes");
    }

    @Test
    void aTruncatedTarIsAClientErrorAndLeavesNoFile() throws Exception {
        String c = running("cp-cut");
        Path whole = tar("whole.tar", t -> file(t, "cut.bin", "x".repeat(8192)));
        Path cut = work.resolve("cut.tar");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(whole), 512 + 3000));
        DockerCli.Result r = docker.runFiles(cut, null, "cp", "-", c + ":/tmp");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Error processing tar file"), r.stderr());
        assertNotEquals(0, docker.run("exec", c, "test", "-e", "/tmp/cut.bin").exitCode(), "no half-written file");
    }

    @Test
    void copyAndStatsRacingARemoveNeverAnswer5xx() throws Exception {
        String c = running("cp-race");
        UnixHttp http = new UnixHttp(daemon.socket);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread prober = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                try {
                    statuses.add(http.send("GET", "/v1.41/containers/" + c + "/stats?stream=false", null).status());
                    statuses.add(http.send("GET", "/v1.41/containers/" + c + "/archive?path=/etc/hostname", null)
                            .status());
                } catch (IOException e) {
                    statuses.add(-1);
                }
            }
        });
        prober.start();
        Thread.sleep(200);
        docker.ok("rm", "-f", c);
        prober.join(120_000);
        assertFalse(statuses.isEmpty());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 404 || s == 409), statuses::toString);
        assertTrue(statuses.contains(404), "the probe ran past the removal: " + statuses);
    }

    @Test
    void errorsAsDockerd() throws Exception {
        String c = running("cp-err");
        UnixHttp http = new UnixHttp(daemon.socket);
        DockerCli.Result missing = docker.run("cp", c + ":/nosuch", work.resolve("x").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("Could not find the file /nosuch in container " + c), missing.stderr());
        assertEquals(404, http.send("GET", "/v1.41/containers/" + c + "/archive?path=/nosuch/dir/x", null).status());
        UnixHttp.Response noParent = http.send("PUT", "/v1.41/containers/" + c + "/archive?path=/nosuchdir", "");
        assertEquals(404, noParent.status());
        assertTrue(noParent.body().contains("Could not find the file /nosuchdir in container " + c), noParent.body());
        UnixHttp.Response notDir = http.send("PUT", "/v1.41/containers/" + c + "/archive?path=/etc/passwd", "");
        assertEquals(400, notDir.status());
        assertTrue(notDir.body().contains("extraction point is not a directory"), notDir.body());
        assertEquals(404, http.send("HEAD", "/v1.41/containers/cp-nosuch/archive?path=/", null).status());
        UnixHttp.Response noPath = http.send("GET", "/v1.41/containers/" + c + "/archive", null);
        assertEquals(400, noPath.status());
        DockerCli.Result unknown = docker.run("cp", hostFile("f", "f").toString(), "cp-nosuch:/tmp");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.stderr().contains("No such container"), unknown.stderr());
    }

    @Test
    void fileOverADirectoryAndReadOnlyRootfsAreRefused() throws Exception {
        String c = running("cp-ro", "--read-only", "-v", Files.createDirectories(work.resolve("ro-bind")) + ":/data",
                "-v", Files.createDirectories(work.resolve("ro-bind2")) + ":/rodata:ro");
        DockerCli.Result ro = docker.run("cp", hostFile("ro.txt", "x").toString(), c + ":/tmp/");
        assertEquals(1, ro.exitCode());
        assertTrue(ro.stderr().contains("container rootfs is marked read-only"), ro.stderr());
        UnixHttp.Response status = new UnixHttp(daemon.socket).send("PUT", "/v1.41/containers/" + c
                + "/archive?path=/tmp", "");
        assertEquals(403, status.status(), status.body());
        DockerCli.Result roVolume = docker.run("cp", hostFile("ro.txt", "x").toString(), c + ":/rodata/");
        assertTrue(roVolume.stderr().contains("mounted volume is marked read-only"), roVolume.stderr());
        docker.ok("cp", hostFile("ro.txt", "x").toString(), c + ":/data/");

        String w = running("cp-overwrite");
        Path dir = Files.createDirectories(work.resolve("mkdir-src/samename"));
        Files.writeString(dir.resolve("inner"), "i");
        docker.ok("cp", dir.toString(), w + ":/tmp/");
        Path tarIn = tar("over.tar", t -> file(t, "samename", "now a file"));
        DockerCli.Result over = docker.runFiles(tarIn, null, "cp", "-", w + ":/tmp");
        assertEquals(1, over.exitCode(), over::toString);
        assertTrue(over.stderr().contains("cannot overwrite directory \"/samename\" with non-directory"),
                over.stderr());
        assertEquals("i", read(w, "/tmp/samename/inner"), "the directory is untouched");
    }

    @Test
    void eventsArchivePathAndExtractToDir() throws Exception {
        String c = running("cp-events");
        docker.ok("cp", hostFile("ev.txt", "e").toString(), c + ":/tmp/");
        read(c, "/tmp/ev.txt");
        // --until counts whole seconds: wait past the current one so the last events are inside the window
        String until = Long.toString(System.currentTimeMillis() / 1000 + 2);
        String events = docker.ok("events", "--since", "60s", "--until", until, "--filter", "container=" + c,
                "--format", "{{.Action}}");
        assertTrue(events.lines().anyMatch("extract-to-dir"::equals), events);
        assertTrue(events.lines().anyMatch("archive-path"::equals), events);
    }

    @Test
    void dockerPyPutAndGetArchive() throws Exception {
        String out = DockerPy.run("archive_docker_py.py", daemon.socket, running("cp-py"));
        assertTrue(out.contains("docker-py archive: ok"), out);
    }

    private interface TarBody {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private Path tar(String name, TarBody body) throws IOException {
        Path p = work.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(t);
        }
        return p;
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
