package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker push} / {@code pull} / {@code login} against Debian's {@code docker-registry} started on a free
 * 127.0.0.1 port (plain HTTP, as dockerd for 127.0.0.0/8): a fixture pushed, removed and pulled back with the
 * same image ID, RepoDigests and events; layers that exist are neither pushed nor pulled again; a
 * cross-repository mount; an OCI manifest made by skopeo and an OCI index choosing linux/amd64; htpasswd
 * Basic auth with docker login/logout; and a kill -9 of storage-service in the middle of a layer download
 * leaving nothing behind after its restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryIT {
    static final Path SKOPEO = Path.of("/usr/bin/skopeo");
    /** Image ID of fixture/multilayer:1 as the real dockerd reported it (fixtures README). */
    static final String MULTILAYER_ID = "sha256:d9b5947aa18af7d0635d8fb14899f10f67f57a0be4643ef74e6ecae4ffac881d";
    /** Config digest of the busybox OCI archive made by skopeo (fixtures README). */
    static final String BUSYBOX_OCI_ID = "sha256:8ed884b634dcc95d67cfc61f0cb308909a1c0490ab59dc76ac28e58a9c9267f0";

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().requireExecutable(LocalRegistry.BINARY)
            .requireExecutable(LocalRegistry.HTPASSWD).requireExecutable(SKOPEO);

    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    LocalRegistry registry;

    @BeforeAll
    void start() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
        registry = LocalRegistry.start(null, null);
        docker.ok("load", "-q", "-i", WalkingSkeletonContract.fixture(WalkingSkeletonContract.MULTILAYER_ARCHIVE).toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void push_removeAndPull_giveTheSameImageWhichRuns() throws Exception {
        String ref = registry.host() + "/it/multilayer:1";
        String since = DockerCli.eventsNow();
        docker.ok("tag", WalkingSkeletonContract.MULTILAYER, ref);
        String pushed = docker.ok("push", ref);
        assertTrue(pushed.contains("The push refers to repository [" + registry.host() + "/it/multilayer]"), pushed);
        assertTrue(pushed.contains("4801825387cb: Pushed"), pushed);
        String digest = digestLine(pushed, "1: digest: ");
        String again = docker.ok("push", ref);
        assertTrue(again.contains("4801825387cb: Layer already exists"), again);
        assertFalse(again.contains("Pushed"), again);
        assertEquals(digest, digestLine(again, "1: digest: "));
        assertTrue(docker.ok("inspect", "-f", "{{json .RepoDigests}}", ref).contains(registry.host() + "/it/multilayer@" + digest));

        String mounted = docker.ok("tag", WalkingSkeletonContract.MULTILAYER, registry.host() + "/it/other:1")
                + docker.ok("push", registry.host() + "/it/other:1");
        assertTrue(mounted.contains("Mounted from it/multilayer"), mounted);

        docker.ok("rmi", WalkingSkeletonContract.MULTILAYER, ref, registry.host() + "/it/other:1");
        assertNotEquals(0, docker.run("inspect", ref).exitCode());
        String pulled = docker.ok("pull", ref);
        // busybox (loaded by the extension) shares the bottom layer, which is not fetched again.
        assertTrue(pulled.contains("Already exists"), pulled);
        assertTrue(pulled.contains("Pull complete"), pulled);
        assertTrue(pulled.contains("Digest: " + digest), pulled);
        assertTrue(pulled.contains("Status: Downloaded newer image for " + ref), pulled);
        assertEquals(MULTILAYER_ID + "\n", docker.ok("inspect", "-f", "{{.Id}}", ref));
        assertTrue(docker.ok("images", "--digests", "--format", "{{.Repository}} {{.Digest}}")
                .contains(registry.host() + "/it/multilayer " + digest), "images --digests");
        assertEquals("ok\n", docker.ok("run", "--rm", "--entrypoint", "sh", ref, "-c", "echo ok"));
        assertTrue(docker.ok("pull", ref).contains("Status: Image is up to date for " + ref));
        assertEquals(MULTILAYER_ID + "\n", docker.ok("inspect", "-f", "{{.Id}}", registry.host() + "/it/multilayer@" + digest));

        String events = docker.ok("events", "--since", since, "--until", DockerCli.eventsNow(), "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.ID}}");
        assertTrue(events.contains("push " + ref), events);
        assertTrue(events.contains("pull " + ref), events);
        docker.ok("tag", ref, WalkingSkeletonContract.MULTILAYER);
    }

    /** {@code docker pull -a}: the CLI sends an empty tag; every tag of the registry's tag list is pulled. */
    @Test
    @Order(2)
    void pullAllTags_pullsEveryTagOfTheRepository() throws Exception {
        String repo = registry.host() + "/it/alltags";
        docker.ok("tag", WalkingSkeletonContract.MULTILAYER, repo + ":one");
        docker.ok("tag", WalkingSkeletonContract.BUSYBOX, repo + ":two");
        docker.ok("push", repo + ":one");
        docker.ok("push", repo + ":two");
        docker.ok("rmi", repo + ":one", repo + ":two");

        String out = docker.ok("pull", "-a", repo);

        assertTrue(out.contains("one: Pulling from it/alltags") && out.contains("two: Pulling from it/alltags"), out);
        assertTrue(out.contains("Status: Image is up to date for " + repo)
                || out.contains("Status: Downloaded newer image for " + repo), out);
        assertEquals(MULTILAYER_ID, docker.ok("image", "inspect", "-f", "{{.Id}}", repo + ":one").strip());
        assertTrue(docker.ok("images", "--format", "{{.Tag}}", repo).contains("two"));
        docker.ok("rmi", repo + ":one", repo + ":two");
    }

    @Test
    @Order(2)
    void pull_missingOrUnreachable_isAClearErrorBeforeAnyProgress() throws Exception {
        DockerCli.Result missing = docker.run("pull", registry.host() + "/it/nosuch:1");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("Error response from daemon: manifest for " + registry.host()
                + "/it/nosuch:1 not found: manifest unknown"), missing.toString());
        DockerCli.Result refused = docker.run("pull", "127.0.0.1:1/x:1");
        assertTrue(refused.stderr().contains("connect: connection refused"), refused.toString());
        DockerCli.Result notPushed = docker.run("push", registry.host() + "/it/nothere:1");
        assertTrue(notPushed.stderr().contains("An image does not exist locally with the tag: " + registry.host()
                + "/it/nothere"), notPushed.toString());
    }

    @Test
    @Order(3)
    void pull_ociManifestFromSkopeo_andAnIndexChoosesLinuxAmd64() throws Exception {
        String repo = registry.host() + "/it/oci";
        Path archive = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        run(SKOPEO.toString(), "copy", "--format", "oci", "docker-archive:" + archive, "docker://" + repo + ":1",
                "--dest-tls-verify=false");
        assertTrue(docker.ok("pull", repo + ":1").contains("Status: Downloaded newer image for " + repo + ":1"));
        assertEquals(BUSYBOX_OCI_ID + "\n", docker.ok("inspect", "-f", "{{.Id}}", repo + ":1"));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> m = client.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/it/oci/manifests/1"))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, m.statusCode());
        String manifestDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m.body()));
        String entry = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
                + "\",\"size\":" + m.body().length + ",\"platform\":{\"architecture\":\"%s\",\"os\":\"linux\"%s}}";
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + String.format(entry, "arm64", ",\"variant\":\"v8\"") + "," + String.format(entry, "amd64", "") + "]}").getBytes();
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/it/oci/manifests/multi"))
                .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(index)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        String indexDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));

        docker.ok("rmi", repo + ":1");
        String pulled = docker.ok("pull", repo + ":multi");
        assertTrue(pulled.contains("Digest: " + indexDigest), pulled);
        assertEquals(BUSYBOX_OCI_ID + "\n", docker.ok("inspect", "-f", "{{.Id}}", repo + ":multi"));
        assertTrue(docker.ok("inspect", "-f", "{{json .RepoDigests}}", repo + ":multi").contains(repo + "@" + indexDigest));
        assertEquals("ok\n", docker.ok("run", "--rm", repo + ":multi", "echo", "ok"));

        DockerCli.Result s390 = docker.run("pull", "--platform", "linux/s390x", repo + ":multi");
        assertTrue(s390.stderr().contains("no matching manifest for linux/s390x in the manifest list entries"), s390.toString());

        UnixHttp.Response inspect = http.send("GET", "/v1.41/distribution/" + repo + ":multi/json", null);
        assertEquals(200, inspect.status(), inspect.body());
        assertTrue(inspect.body().contains("\"digest\":\"" + indexDigest + "\""), inspect.body());
        assertTrue(inspect.body().contains("\"architecture\":\"arm64\"") && inspect.body().contains("\"architecture\":\"amd64\""),
                inspect.body());
        docker.ok("rmi", repo + ":multi");
    }

    @Test
    @Order(4)
    void basicAuth_loginPushLogoutPull() throws Exception {
        try (LocalRegistry secured = LocalRegistry.start("berth", "s3cret")) {
            String ref = secured.host() + "/it/auth:1";
            docker.ok("tag", WalkingSkeletonContract.BUSYBOX, ref);
            DockerCli.Result anonymous = docker.run("push", ref);
            assertNotEquals(0, anonymous.exitCode(), anonymous.toString());
            assertTrue((anonymous.stdout() + anonymous.stderr()).contains("authentication required"), anonymous.toString());

            DockerCli.Result wrong = docker.run("login", "-u", "berth", "-p", "wrong", secured.host());
            assertEquals(1, wrong.exitCode(), wrong.toString());
            assertTrue(wrong.stderr().contains("login attempt to " + secured.url() + "/v2/ failed with status: 401 Unauthorized"),
                    wrong.toString());
            DockerCli.Result login = docker.runWithInput("s3cret\n", "login", "-u", "berth", "--password-stdin", secured.host());
            assertEquals(0, login.exitCode(), login.toString());
            assertTrue(login.stdout().contains("Login Succeeded"), login.toString());

            assertTrue(docker.ok("push", ref).contains("1: digest: sha256:"));
            docker.ok("rmi", ref);
            docker.ok("logout", secured.host());
            // The CLI 28 answers a 401 on pull by prompting "Login prior to pull" and waits for a user name even
            // with stdin at EOF, so the refusal is checked on the API.
            UnixHttp.Response raw = http.send("POST", "/v1.41/images/create?fromImage=" + secured.host() + "/it/auth&tag=1", null);
            assertEquals(401, raw.status(), raw.body());
            assertTrue(raw.body().contains("authentication required"), raw.body());
            docker.runWithInput("s3cret\n", "login", "-u", "berth", "--password-stdin", secured.host());
            assertTrue(docker.ok("pull", ref).contains("Status: "));
            docker.ok("logout", secured.host());
            docker.ok("rmi", ref);
        }
    }

    @Test
    @Order(5)
    void killMinus9OfStorageDuringAPull_leavesNothingAfterRestart() throws Exception {
        String repo = registry.host() + "/it/killed";
        Path archive = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        run(SKOPEO.toString(), "copy", "docker-archive:" + archive, "docker://" + repo + ":1", "--dest-tls-verify=false");
        for (String id : docker.ok("images", "-q", "--no-trunc").split("\n")) {
            if (!id.isBlank()) {
                docker.ok("rmi", "-f", id.trim());
            }
        }
        Path blobs = daemon.dataRoot.resolve("storage/content/blobs/sha256");
        assertEquals(List.of(), list(blobs), "no blob left once every image is removed");
        try (StallingProxy proxy = new StallingProxy(registry.url())) {
            String via = proxy.host() + "/it/killed:1";
            Process pull = docker.start(daemon.base.resolve("pull.out"), daemon.base.resolve("pull.err"), "pull", via);
            assertTrue(proxy.awaitStalled(60), "the pull reached the layer download");
            long storage = daemon.servicePid("io.berth.storage.StorageMain");
            ProcessHandle.of(storage).orElseThrow().destroyForcibly();
            assertTrue(pull.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertNotEquals(0, pull.exitValue());
            proxy.release();
            awaitStorage(storage);
            assertEquals("", docker.ok("images", "-q"));
            assertEquals(List.of(), list(blobs), "no blob of the interrupted pull");
            assertEquals(List.of(), list(daemon.dataRoot.resolve("storage/content/ingest")), "no ingest file");
            assertEquals(List.of(), list(daemon.dataRoot.resolve("storage/tmp")), "no temp file");
        }
        assertTrue(docker.ok("pull", repo + ":1").contains("Pull complete"));
        assertEquals("ok\n", docker.ok("run", "--rm", repo + ":1", "echo", "ok"));
    }

    private void awaitStorage(long oldPid) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (daemon.servicePid("io.berth.storage.StorageMain") != oldPid && docker.run("images").exitCode() == 0) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not restarted yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("storage-service was not restarted");
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String digestLine(String out, String prefix) {
        for (String line : out.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).split(" ")[0];
            }
        }
        throw new AssertionError("no line " + prefix + " in " + out);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }
}
