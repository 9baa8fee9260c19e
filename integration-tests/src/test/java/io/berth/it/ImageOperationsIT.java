package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image operations of issue 11 that are not pull/push, against a real {@code bin/berthd} with the real
 * docker CLI and docker-py: {@code docker commit} (a whiteout, an opaque directory, {@code --change},
 * author, message, pause and its events, the result runs, its history), {@code docker save} (byte for
 * byte what dockerd 20.10 saved for the fixtures, several images, load back with the same IDs),
 * {@code docker history}, {@code docker image prune} and {@code docker system prune} with the space
 * reclaimed, the image list filters, {@code --digests} and {@code shared-size}. Each test removes the
 * containers and images it made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixtures' IDs as the real dockerd reported them (fixtures/images/README.md). */
    private static final String BUSYBOX_ID = "sha256:eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf";
    private static final String MULTILAYER_ID = "sha256:d9b5947aa18af7d0635d8fb14899f10f67f57a0be4643ef74e6ecae4ffac881d";

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    DockerCli docker;
    UnixHttp http;
    BerthdProcess daemon;
    String prefix;
    final List<String> containers = new ArrayList<>();
    final List<String> images = new ArrayList<>();

    @BeforeAll
    void bind() throws Exception {
        docker = BERTHD.docker();
        http = BERTHD.http();
        daemon = BERTHD.daemon();
        docker.ok("load", "-q", "-i", WalkingSkeletonContract.fixture(WalkingSkeletonContract.MULTILAYER_ARCHIVE).toString());
    }

    @BeforeEach
    void name() {
        prefix = "img-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        containers.clear();
        for (int i = images.size() - 1; i >= 0; i--) {
            docker.run("rmi", "-f", images.get(i));
        }
        images.clear();
    }

    private String container(String... runArgs) throws Exception {
        String name = prefix + "-c" + containers.size();
        containers.add(name);
        List<String> args = new ArrayList<>(List.of("run", "--name", name));
        args.addAll(List.of(runArgs));
        docker.ok(args.toArray(String[]::new));
        return name;
    }

    private String image(String ref) {
        images.add(ref);
        return ref;
    }

    @Test
    void commit_whiteoutOpaqueDirAndChanges_theResultRunsWithThem() throws Exception {
        String c = container("-u", "0", WalkingSkeletonContract.MULTILAYER, "echo hi > /hello; rm /etc/group; "
                + "rm -rf /app/data; mkdir /app/data; echo n > /app/data/new");
        String since = DockerCli.eventsNow();
        String ref = image(prefix + ":v1");
        String id = docker.ok("commit", "-a", "someone", "-m", "a message", "-c", "ENV A=1", "-c", "LABEL it=commit",
                "-c", "ENTRYPOINT []", "-c", "CMD [\"cat\", \"/hello\"]", c, ref).strip();
        assertTrue(id.startsWith("sha256:"), id);
        assertEquals("hi\n", docker.ok("run", "--rm", ref));
        assertEquals("new\n", docker.ok("run", "--rm", "--entrypoint", "ls", ref, "/app/data"));
        DockerCli.Result group = docker.run("run", "--rm", ref, "cat", "/etc/group");
        assertNotEquals(0, group.exitCode(), "the deleted /etc/group must stay deleted: " + group);

        JsonNode inspect = JSON.readTree(docker.ok("image", "inspect", ref)).get(0);
        assertEquals(id, inspect.get("Id").asText());
        assertEquals(MULTILAYER_ID, inspect.get("Parent").asText());
        assertEquals("a message", inspect.get("Comment").asText());
        assertEquals("someone", inspect.get("Author").asText());
        JsonNode config = inspect.get("Config");
        assertTrue(config.get("Env").toString().contains("\"A=1\"") && config.get("Env").toString().contains("FIXTURE=multilayer"),
                config.toString());
        assertEquals("commit", config.get("Labels").get("it").asText());
        assertEquals("multilayer", config.get("Labels").get("org.example.fixture").asText(), "labels merged");
        assertEquals("0", config.get("User").asText(), "the container's -u 0 is merged, as dockerd merges User");
        assertEquals("/app", config.get("WorkingDir").asText());
        assertEquals(7, inspect.get("RootFS").get("Layers").size(), "one new layer on the six of the fixture");

        Map<String, TarArchiveEntry> layer = topLayer(ref);
        assertTrue(layer.containsKey("etc/.wh.group"), layer.keySet().toString());
        assertTrue(layer.containsKey("app/data/.wh..wh..opq"), layer.keySet().toString());
        assertTrue(layer.containsKey("app/data/new") && layer.containsKey("hello"), layer.keySet().toString());
        assertFalse(layer.containsKey("etc/hosts") || layer.containsKey("etc/resolv.conf") || layer.containsKey("etc/hostname"),
                "runc's mount points are not part of the layer: " + layer.keySet());
        assertFalse(layer.keySet().stream().anyMatch(n -> n.startsWith("app/data/.wh.hello")),
                "the opaque marker hides the old children: " + layer.keySet());

        String history = docker.ok("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Comment}}", ref);
        String[] rows = history.split("\n");
        assertEquals(14, rows.length, history);
        assertTrue(rows[0].startsWith(id + "|echo hi > /hello;") && rows[0].endsWith("|a message"), rows[0]);
        assertTrue(rows[1].startsWith(MULTILAYER_ID + "|"), rows[1]);
        assertTrue(rows[2].startsWith("<missing>|"), rows[2]);

        String events = docker.ok("events", "--since", since, "--until", DockerCli.eventsNow(), "--filter",
                "container=" + c, "--format", "{{.Action}} {{json .Actor.Attributes}}");
        assertTrue(events.contains("commit {\"comment\":\"a message\""), events);
        assertTrue(events.contains("\"imageID\":\"" + id + "\",\"imageRef\":\"" + ref + "\""), events);
    }

    @Test
    void commit_ofARunningContainer_pausesItAroundTheCommit() throws Exception {
        String c = container("-d", WalkingSkeletonContract.BUSYBOX, "sh", "-c", "echo 1 > /f; sleep 1000");
        String since = DockerCli.eventsNow();
        String ref = image(prefix + ":running");
        docker.ok("commit", c, ref);
        assertEquals("1\n", docker.ok("run", "--rm", ref, "cat", "/f"));
        String events = docker.ok("events", "--since", since, "--until", DockerCli.eventsNow(), "--filter",
                "container=" + c, "--format", "{{.Action}}");
        assertEquals("pause\ncommit\nunpause\n", events);
        assertEquals("running", docker.ok("inspect", "-f", "{{.State.Status}}", c).strip());
        String noPause = image(prefix + ":nopause");
        String since2 = DockerCli.eventsNow();
        docker.ok("commit", "--pause=false", c, noPause);
        assertEquals("commit\n", docker.ok("events", "--since", since2, "--until", DockerCli.eventsNow(), "--filter",
                "container=" + c, "--format", "{{.Action}}"));
    }

    @Test
    void commit_withoutChanges_addsAnEmptyLayerEntry() throws Exception {
        String c = container(WalkingSkeletonContract.BUSYBOX, "true");
        String ref = image(prefix + ":same");
        docker.ok("commit", c, ref);
        JsonNode inspect = JSON.readTree(docker.ok("image", "inspect", ref)).get(0);
        assertEquals(1, inspect.get("RootFS").get("Layers").size(), "an empty diff adds no layer");
        String sizes = docker.ok("history", "--format", "{{.Size}}", ref);
        assertTrue(sizes.startsWith("0B\n"), sizes);
        DockerCli.Result bad = docker.run("commit", "-c", "FROM x", c, prefix + ":bad");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("from is not a valid change command"), bad.toString());
        DockerCli.Result missing = docker.run("commit", prefix + "-nosuch", prefix + ":bad");
        assertTrue(missing.stderr().contains("No such container: " + prefix + "-nosuch"), missing.toString());
    }

    @Test
    void save_ofTheFixtures_isByteForByteWhatDockerdSaved() throws Exception {
        for (String[] f : new String[][] {{WalkingSkeletonContract.BUSYBOX, WalkingSkeletonContract.BUSYBOX_ARCHIVE},
                {WalkingSkeletonContract.MULTILAYER, WalkingSkeletonContract.MULTILAYER_ARCHIVE}}) {
            Path out = Files.createTempFile("save", ".tar");
            try {
                docker.ok("save", "-o", out.toString(), f[0]);
                assertEquals(sha256(Files.readAllBytes(WalkingSkeletonContract.fixture(f[1]))),
                        sha256(Files.readAllBytes(out)), f[0] + " saved differently from dockerd's " + f[1]);
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    @Test
    void save_thenLoad_givesTheSameImageIdsAndDiffIds() throws Exception {
        String a = image(prefix + "/a:1");
        String b = image(prefix + "/b:2");
        docker.ok("tag", WalkingSkeletonContract.BUSYBOX, a);
        docker.ok("tag", WalkingSkeletonContract.MULTILAYER, b);
        Path out = Files.createTempFile("save", ".tar");
        try {
            docker.ok("save", "-o", out.toString(), a, b);
            JsonNode manifest = manifest(out);
            assertEquals(2, manifest.size(), manifest.toString());
            String layers = docker.ok("image", "inspect", "-f", "{{json .RootFS.Layers}}", b);
            docker.ok("rmi", a, b);
            String loaded = docker.ok("load", "-i", out.toString());
            assertTrue(loaded.contains("Loaded image: " + a) && loaded.contains("Loaded image: " + b), loaded);
            assertEquals(BUSYBOX_ID, docker.ok("image", "inspect", "-f", "{{.Id}}", a).strip());
            assertEquals(MULTILAYER_ID, docker.ok("image", "inspect", "-f", "{{.Id}}", b).strip());
            assertEquals(layers, docker.ok("image", "inspect", "-f", "{{json .RootFS.Layers}}", b));
        } finally {
            Files.deleteIfExists(out);
        }
        Path none = Files.createTempFile("save", ".tar");
        try {
            DockerCli.Result missing = docker.run("save", "-o", none.toString(), prefix + "/nosuch:1");
            assertEquals(1, missing.exitCode(), missing.toString());
            assertTrue(missing.stderr().contains("No such image"), missing.toString());
        } finally {
            Files.deleteIfExists(none);
        }
    }

    @Test
    void save_loadIntoTheRealDockerd_keepsTheIds() throws Exception {
        String host = System.getenv("BERTH_IT_DOCKERD_HOST");
        Assumptions.assumeTrue(host != null && !host.isEmpty(), "no dockerd here (set BERTH_IT_DOCKERD_HOST to a "
                + "dockerd 20.10 address, e.g. unix:///run/dockerd-test.sock, to load berth's save into it); berth's "
                + "save is checked byte for byte against dockerd's own saves of the fixtures instead");
        String c = container(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "echo x > /x");
        String ref = image(prefix + ":to-dockerd");
        String id = docker.ok("commit", c, ref).strip();
        Path out = Files.createTempFile("save", ".tar");
        DockerCli dockerd = new DockerCli(host, daemon.dockerConfig, Map.of());
        try {
            docker.ok("save", "-o", out.toString(), ref);
            dockerd.ok("load", "-i", out.toString());
            assertEquals(id, dockerd.ok("image", "inspect", "-f", "{{.Id}}", ref).strip());
            assertEquals(docker.ok("image", "inspect", "-f", "{{json .RootFS.Layers}}", ref),
                    dockerd.ok("image", "inspect", "-f", "{{json .RootFS.Layers}}", ref));
        } finally {
            dockerd.run("rmi", ref);
            Files.deleteIfExists(out);
        }
    }

    @Test
    void history_ofALoadedImage_hasOneRowPerEntryAndMissingIds() throws Exception {
        String out = docker.ok("history", "--no-trunc", "--format", "{{.ID}} {{.Size}}", WalkingSkeletonContract.MULTILAYER);
        String[] rows = out.split("\n");
        assertEquals(13, rows.length, out);
        assertEquals(MULTILAYER_ID + " 0B", rows[0]);
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i].startsWith("<missing> "), rows[i]);
        }
        JsonNode api = JSON.readTree(http.send("GET", "/v1.41/images/" + WalkingSkeletonContract.MULTILAYER
                + "/history", null).body());
        assertEquals(List.of(WalkingSkeletonContract.MULTILAYER), List.of(api.get(0).get("Tags").get(0).asText()));
        assertTrue(api.get(1).get("Tags").isNull(), api.get(1).toString());
        assertEquals(busyboxSize(), api.get(12).get("Size").asLong(), "the busybox layer's unpacked size");
        assertEquals(404, http.send("GET", "/v1.41/images/" + prefix + "nosuch/history", null).status());
    }

    @Test
    void imagePrune_removesDanglingImagesAndReportsTheirLayers() throws Exception {
        String c = container(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "head -c 100000 /dev/zero > /blob");
        String ref = prefix + ":p";
        String first = docker.ok("commit", c, ref).strip();
        images.add(first);
        String second = docker.ok("commit", "-c", "LABEL x=1", c, image(ref)).strip();
        assertNotEquals(first, second);
        assertTrue(docker.ok("images", "-q", "--no-trunc", "-f", "dangling=true").contains(first));
        // the first image's layer is the same as the second's: prune must only remove the config
        JsonNode report = JSON.readTree(http.send("POST", "/v1.41/images/prune?filters="
                + java.net.URLEncoder.encode("{\"dangling\":{\"true\":true}}", "UTF-8"), "").body());
        assertEquals("[{\"Deleted\":\"" + first + "\"}]", report.get("ImagesDeleted").toString());
        assertEquals(0, report.get("SpaceReclaimed").asLong(), "the layer is still used by " + ref);
        assertEquals("", docker.ok("images", "-q", "-f", "dangling=true"));

        docker.ok("rm", c);
        containers.remove(c);
        DockerCli.Result all = docker.run("image", "prune", "-a", "-f", "--filter", "label=x=1");
        assertEquals(0, all.exitCode(), all.toString());
        assertTrue(all.stdout().contains("untagged: " + ref) && all.stdout().contains("deleted: " + second), all.stdout());
        assertTrue(all.stdout().contains("Total reclaimed space: 100kB"), all.stdout());
        assertEquals(0, docker.run("image", "inspect", WalkingSkeletonContract.BUSYBOX).exitCode(),
                "images without the label stay");
        assertEquals(400, http.send("POST", "/v1.41/images/prune?filters="
                + java.net.URLEncoder.encode("{\"nosuch\":{\"1\":true}}", "UTF-8"), "").status());
    }

    @Test
    void systemPrune_withTheRealCli_reclaimsWhatSystemDfCounted() throws Exception {
        String c1 = container(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "head -c 200000 /dev/zero > /blob");
        String c2 = container(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "head -c 50000 /dev/zero > /other");
        String ref = prefix + ":sys";
        String dangling = docker.ok("commit", c1, ref).strip();
        images.add(dangling);
        docker.ok("commit", c2, image(ref));
        JsonNode df = JSON.readTree(http.send("GET", "/v1.41/system/df", null).body());
        long expected = 0;
        for (JsonNode c : df.get("Containers")) {
            if (c.get("Names").get(0).asText().startsWith("/" + prefix)) {
                expected += c.get("SizeRw").asLong();
            }
        }
        for (JsonNode i : df.get("Images")) {
            if (i.get("Id").asText().equals(dangling)) {
                expected += i.get("Size").asLong() - i.get("SharedSize").asLong();
            }
        }
        assertTrue(expected >= 250000, df.toString());
        DockerCli.Result r = docker.run("system", "prune", "-f");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Deleted Containers:") && r.stdout().contains("Deleted Images:")
                && r.stdout().contains("deleted: " + dangling), r.stdout());
        assertEquals(1, docker.run("inspect", c1).exitCode(), "the stopped container is gone");
        assertEquals(1, docker.run("image", "inspect", dangling).exitCode(), "the dangling image is gone");
        assertEquals(0, docker.run("image", "inspect", ref).exitCode(), "a tagged image stays");
        assertTrue(r.stdout().contains("Total reclaimed space: " + humanSize(expected)), "expected "
                + humanSize(expected) + " (" + expected + " bytes): " + r.stdout());
    }

    /** The docker CLI's units.HumanSize: 4 significant digits, decimal units. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int i = 0;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                + units[i];
    }

    private long busyboxSize() throws Exception {
        return Long.parseLong(docker.ok("image", "inspect", "-f", "{{.Size}}", WalkingSkeletonContract.BUSYBOX).strip());
    }

    @Test
    void images_filtersDigestsAndSharedSize() throws Exception {
        String labelled = image(prefix + "/labelled:1");
        String c = container(WalkingSkeletonContract.BUSYBOX, "true");
        docker.ok("commit", "-c", "LABEL it.filter=" + prefix, c, labelled);
        assertEquals(labelled + "\n", docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}", "-f",
                "label=it.filter=" + prefix));
        assertEquals(labelled + "\n", docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}", "-f",
                "reference=" + prefix + "/*"));
        assertEquals(labelled + "\n", docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}", "-f",
                "since=" + WalkingSkeletonContract.MULTILAYER, "-f", "reference=" + prefix + "/*"));
        String before = docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}", "-f", "before=" + labelled);
        assertTrue(before.contains(WalkingSkeletonContract.BUSYBOX) && !before.contains(labelled), before);
        String digests = docker.ok("images", "--digests", "--format", "{{.Repository}} {{.Digest}}", labelled);
        assertEquals(prefix + "/labelled <none>\n", digests);
        JsonNode list = JSON.readTree(http.send("GET", "/v1.41/images/json?shared-size=1", null).body());
        Map<String, Long> shared = new LinkedHashMap<>();
        list.forEach(i -> shared.put(i.get("Id").asText(), i.get("SharedSize").asLong()));
        assertEquals(busyboxSize(), shared.get(BUSYBOX_ID), "busybox's layer is multilayer's base layer: " + shared);
        assertEquals(busyboxSize(), shared.get(MULTILAYER_ID), shared.toString());
        JsonNode plain = JSON.readTree(http.send("GET", "/v1.41/images/json", null).body());
        assertEquals(-1, plain.get(0).get("SharedSize").asLong());
    }

    @Test
    void dockerPy_commitSaveLoadHistoryPruneAndFilters() throws Exception {
        String out = DockerPy.run("images_dockerpy.py", daemon.socket, prefix, WalkingSkeletonContract.BUSYBOX);
        assertTrue(out.contains("OK"), out);
    }

    private Map<String, TarArchiveEntry> topLayer(String ref) throws Exception {
        Path out = Files.createTempFile("save", ".tar");
        try {
            docker.ok("save", "-o", out.toString(), ref);
            JsonNode layers = manifest(out).get(0).get("Layers");
            String top = layers.get(layers.size() - 1).asText();
            byte[] tar = member(out, top);
            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
                for (TarArchiveEntry e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                    entries.put(e.getName().endsWith("/") ? e.getName().substring(0, e.getName().length() - 1) : e.getName(), e);
                }
            }
            return entries;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static JsonNode manifest(Path archive) throws IOException {
        return JSON.readTree(member(archive, "manifest.json"));
    }

    private static byte[] member(Path archive, String name) throws IOException {
        try (InputStream f = Files.newInputStream(archive); TarArchiveInputStream in = new TarArchiveInputStream(f)) {
            for (TarArchiveEntry e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                if (e.getName().equals(name)) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    in.transferTo(b);
                    return b.toByteArray();
                }
            }
        }
        throw new AssertionError(name + " not in " + archive);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
