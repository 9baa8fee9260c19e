package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.registry.FakeRegistry;
import io.berth.storage.registry.Manifests;
import io.berth.storage.registry.ProgressLine;
import io.berth.storage.registry.RegistryClients;
import io.berth.storage.registry.RegistryCredentials;
import io.berth.storage.registry.RegistryHosts;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TarBuilder;
import io.berth.storage.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull and push through the real store (vfs) against a fake registry: what is stored, RepoDigests, events,
 * layers not fetched twice, a mismatching layer leaving nothing, concurrent pulls fetching each blob once,
 * and a push that pulls back to the same image.
 */
class ImagePullPushTest {
    @TempDir
    Path tmp;
    StorageDriver driver;
    ImageStore store;
    ImagePuller puller;
    ImagePusher pusher;
    ContentStore content;
    StorageLayout layout;
    FakeRegistry reg;
    Injector injector;
    final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new VfsSnapshotter(layout.driverRoot("vfs"));
        injector = TestStores.injector(layout, driver, events);
        injector.getInstance(StoreRecovery.class).recover();
        store = injector.getInstance(ImageStore.class);
        puller = injector.getInstance(ImagePuller.class);
        pusher = injector.getInstance(ImagePusher.class);
        content = injector.getInstance(ContentStore.class);
        reg = new FakeRegistry(FakeRegistry.Auth.NONE, null, null);
    }

    @AfterEach
    void tearDown() {
        reg.close();
        driver.close();
    }

    /** Publishes a two-layer image as {@code x:1}; @return the image ID. */
    Digest publish(String repo, String tag) {
        return publish(repo, tag, "a", "b");
    }

    /** Publishes an image of one layer per file name as {@code repo:tag}; @return the image ID. */
    Digest publish(String repo, String tag, String... files) {
        List<byte[]> layers = SyntheticImages.layers(files);
        List<String> descs = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (byte[] l : layers) {
            byte[] gz = TarBuilder.gzip(l);
            Digest d = reg.putBlob(gz);
            descs.add("{\"mediaType\":\"" + Manifests.DOCKER_LAYER_GZIP + "\",\"digest\":\"" + d + "\",\"size\":" + gz.length + "}");
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(Digest.sha256(l)).append('"');
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"k\":\"v\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}").getBytes();
        Digest c = reg.putBlob(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + Manifests.DOCKER_CONFIG + "\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},\"layers\":["
                + String.join(",", descs) + "]}").getBytes();
        reg.putManifest(repo, tag, Manifests.DOCKER_MANIFEST, manifest);
        return c;
    }

    List<String> pull(String ref) {
        List<String> out = new CopyOnWriteArrayList<>();
        puller.pull(ref, "", RegistryCredentials.NONE, l -> out.add((l.id().isEmpty() ? "" : l.id() + ": ") + l.status()));
        return out;
    }

    List<String> blobFiles() throws IOException {
        Path dir = content.path(Digest.sha256("x")).getParent();
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void pull_storesTheImageWithTagRepoDigestAndEvent_andFetchesNothingTwice() throws IOException {
        Digest id = publish("x", "1");
        String ref = reg.host() + "/x:1";
        List<String> lines = pull(ref);
        assertTrue(lines.contains("1: Pulling from x"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("Pull complete")), lines.toString());
        assertTrue(lines.get(lines.size() - 1).equals("Status: Downloaded newer image for " + ref), lines.toString());
        ImageInfo info = store.get(ref);
        assertEquals(id, info.id());
        Digest manifest = Digest.sha256(reg.manifests.get("x/1"));
        assertEquals(List.of(reg.host() + "/x@" + manifest), info.repoDigests());
        assertEquals(id, store.get(reg.host() + "/x@" + manifest).id());
        assertTrue(events.events.contains("pull " + ref), events.events.toString());
        assertEquals("v", events.attributes.get(events.events.indexOf("pull " + ref)).get("k"));

        List<String> again = pull(ref);
        assertTrue(again.stream().filter(l -> l.endsWith("Already exists")).count() == 2, again.toString());
        assertEquals("Status: Image is up to date for " + ref, again.get(again.size() - 1));
        reg.blobGets.forEach((d, n) -> assertEquals(1, n.get(), "blob " + d + " fetched once"));
    }

    @Test
    void pull_ofADockerHubReference_triesEachMirrorInOrder_andTheFirstThatHasItServesThePull() throws IOException {
        try (FakeRegistry empty = new FakeRegistry(FakeRegistry.Auth.NONE, null, null)) {
            Digest id = publish("library/busybox", "1");
            RegistryClients clients = injector.getInstance(RegistryClients.class);
            clients.reconfigure(new RegistryHosts(List.of()), List.of(empty.url() + "/", reg.url() + "/"));
            List<String> lines = pull("busybox:1");
            assertEquals("Status: Downloaded newer image for busybox:1", lines.get(lines.size() - 1), lines.toString());
            assertEquals(id, store.get("busybox:1").id());
            assertTrue(empty.requests.stream().anyMatch(r -> r.contains("/v2/library/busybox/manifests/1")),
                    empty.requests.toString());
            assertTrue(reg.requests.stream().anyMatch(r -> r.contains("/v2/library/busybox/manifests/1")),
                    reg.requests.toString());
        }
    }

    @Test
    void pull_ofAnotherRegistry_neverAsksTheMirrors() throws IOException {
        try (FakeRegistry mirror = new FakeRegistry(FakeRegistry.Auth.NONE, null, null)) {
            publish("x", "1");
            injector.getInstance(RegistryClients.class).reconfigure(new RegistryHosts(List.of()),
                    List.of(mirror.url() + "/"));
            pull(reg.host() + "/x:1");
            assertEquals(List.of(), mirror.requests);
        }
    }

    @Test
    void pull_layerWithWrongContent_failsAndLeavesNothing() throws IOException {
        publish("x", "1");
        Manifests.ImageManifest m = (Manifests.ImageManifest) Manifests.parse(reg.manifests.get("x/1"), "", "x");
        Digest second = m.layers().get(1).digest();
        byte[] bad = reg.blobs.get(second.toString()).clone();
        bad[bad.length - 5] ^= 1;
        reg.override("/v2/x/blobs/" + second, ex -> FakeRegistry.send(ex, 200, null, bad));
        List<String> before = blobFiles();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> pull(reg.host() + "/x:1"));
        assertTrue(e.getMessage().contains(second.toString()), e.getMessage());
        assertEquals(before, blobFiles(), "no blob of the failed pull");
        assertThrows(NotFoundException.class, () -> store.get(reg.host() + "/x:1"));
        try (Stream<Path> s = Files.list(layout.content().resolve("ingest"))) {
            assertEquals(0, s.count(), "no ingest file");
        }
        List<String> snapshots = new ArrayList<>();
        driver.walk(i -> snapshots.add(i.name()));
        assertEquals(List.of(), snapshots);
        assertTrue(events.events.stream().noneMatch(ev -> ev.startsWith("pull")));
    }

    /**
     * Makes every layer GET of {@code x} take 800 ms and records the most that were in flight at once.
     *
     * @return the maximum, updated as the pull runs
     */
    java.util.concurrent.atomic.AtomicInteger slowLayers() {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
        Manifests.ImageManifest m = (Manifests.ImageManifest) Manifests.parse(reg.manifests.get("x/1"), "", "x");
        for (var layer : m.layers()) {
            byte[] body = reg.blobs.get(layer.digest().toString());
            reg.override("/v2/x/blobs/" + layer.digest(), ex -> {
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(800);
                    FakeRegistry.send(ex, 200, "application/octet-stream", body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        return max;
    }

    @Test
    void pull_downloadsUpToThreeLayersAtOnce_asDockerdsDefault() throws Exception {
        Digest id = publish("x", "1", "a", "b", "c", "d", "e");
        java.util.concurrent.atomic.AtomicInteger max = slowLayers();

        List<String> lines = pull(reg.host() + "/x:1");

        assertTrue(max.get() >= 2 && max.get() <= 3, "layers in flight at once: " + max.get());
        assertEquals(2, lines.stream().filter(l -> l.endsWith(": Waiting")).count(), "5 layers, 3 at a time: "
                + lines);
        assertEquals(5, lines.stream().filter(l -> l.endsWith(": Pull complete")).count(), lines.toString());
        assertEquals(id, store.get(reg.host() + "/x:1").id());
    }

    @Test
    void pull_withMaxConcurrentDownloadsOne_downloadsOneAtATime() throws Exception {
        Injector one = TestStores.injector(layout, driver, events, 0,
                b -> b.bind(DownloadLimit.class).toInstance(new DownloadLimit(() -> 1)));
        puller = one.getInstance(ImagePuller.class);
        store = one.getInstance(ImageStore.class);
        Digest id = publish("x", "1", "a", "b", "c");
        java.util.concurrent.atomic.AtomicInteger max = slowLayers();

        List<String> lines = pull(reg.host() + "/x:1");

        assertEquals(1, max.get());
        assertEquals(2, lines.stream().filter(l -> l.endsWith(": Waiting")).count(), lines.toString());
        assertEquals(id, store.get(reg.host() + "/x:1").id());
    }

    @Test
    void pullAllTags_pullsEveryTagOfTheRepository_oneStatusLine() throws Exception {
        Digest one = publish("x", "1", "a");
        Digest two = publish("x", "2", "a", "b");
        reg.override("/v2/x/tags/list", ex -> FakeRegistry.send(ex, 200, "application/json",
                "{\"name\":\"x\",\"tags\":[\"1\",\"2\"]}".getBytes()));
        List<String> out = new CopyOnWriteArrayList<>();

        puller.pull(reg.host() + "/x", "", RegistryCredentials.NONE, true,
                l -> out.add((l.id().isEmpty() ? "" : l.id() + ": ") + l.status()));

        assertEquals(one, store.get(reg.host() + "/x:1").id());
        assertEquals(two, store.get(reg.host() + "/x:2").id());
        assertTrue(out.contains("1: Pulling from x") && out.contains("2: Pulling from x"), out.toString());
        assertEquals(2, out.stream().filter(l -> l.startsWith("Digest: ")).count(), out.toString());
        assertEquals(List.of("Status: Downloaded newer image for " + reg.host() + "/x"),
                out.stream().filter(l -> l.startsWith("Status: ")).toList());
        assertTrue(out.indexOf("2: Pulling from x") > out.indexOf("1: Pulling from x"));
    }

    @Test
    void concurrentPulls_ofOneImage_fetchEachBlobOnce() throws Exception {
        publish("x", "1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> f = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                f.add(pool.submit(() -> pull(reg.host() + "/x:1")));
            }
            for (Future<List<String>> x : f) {
                x.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Manifests.ImageManifest m = (Manifests.ImageManifest) Manifests.parse(reg.manifests.get("x/1"), "", "x");
        for (var layer : m.layers()) {
            assertEquals(1, reg.blobGets.get(layer.digest().toString()).get(), "layer " + layer.digest() + " fetched by one pull only");
        }
        assertEquals(1, store.list(java.util.Map.of()).size());
    }

    @Test
    void push_uploadsMonolithicAndChunked_thenSkipsAndMounts_andPullsBackTheSameImage() throws Exception {
        byte[] big = new byte[3 * ImagePusher.MONOLITHIC_MAX];
        new java.util.Random(1).nextBytes(big);
        List<byte[]> layers = List.of(new TarBuilder().file("small", "s", 0644).build(),
                new TarBuilder().file("big", big, 0644, 0, 0, TarBuilder.MTIME, java.util.Map.of()).build());
        store.load(new java.io.ByteArrayInputStream(SyntheticImages.archive("local:1", layers)));
        Digest id = store.get("local:1").id();
        store.tag("local:1", reg.host() + "/y:2");
        List<String> out = new ArrayList<>();
        pusher.push(reg.host() + "/y", "2", RegistryCredentials.NONE, (ProgressLine l) -> out.add(l.id() + " " + l.status()));
        assertEquals(" The push refers to repository [" + reg.host() + "/y]", out.get(0));
        assertEquals(2, out.stream().filter(l -> l.endsWith(" Pushed")).count(), out.toString());
        assertTrue(out.get(out.size() - 2).startsWith(" 2: digest: sha256:"), out.toString());
        assertTrue(reg.requests.stream().filter(r -> r.startsWith("PATCH /upload/")).count() >= 2, reg.requests.toString());
        byte[] pushed = reg.manifests.get("y/2");
        Manifests.ImageManifest m = (Manifests.ImageManifest) Manifests.parse(pushed, "", "y");
        assertEquals(id, m.config().digest());
        assertTrue(store.get(reg.host() + "/y:2").repoDigests().contains(reg.host() + "/y@" + Digest.sha256(pushed)));
        assertTrue(events.events.contains("push " + reg.host() + "/y:2"), events.events.toString());

        List<String> again = new ArrayList<>();
        pusher.push(reg.host() + "/y:2", "", RegistryCredentials.NONE, l -> again.add(l.status()));
        assertEquals(2, again.stream().filter("Layer already exists"::equals).count(), again.toString());
        assertEquals(pushed.length, reg.manifests.get("y/2").length);

        store.tag("local:1", reg.host() + "/z:1");
        List<String> mounted = new ArrayList<>();
        pusher.push(reg.host() + "/z", "1", RegistryCredentials.NONE, l -> mounted.add(l.status()));
        assertTrue(mounted.stream().anyMatch(l -> l.equals("Layer already exists") || l.equals("Mounted from y")), mounted.toString());

        for (String ref : List.of("local:1", reg.host() + "/y:2", reg.host() + "/z:1")) {
            store.delete(ref, true, List.of());
        }
        assertEquals(List.of(), blobFiles());
        pull(reg.host() + "/y:2");
        assertEquals(id, store.get(reg.host() + "/y:2").id());
        NotFoundException nf = assertThrows(NotFoundException.class,
                () -> pusher.push(reg.host() + "/nothere", "", RegistryCredentials.NONE, l -> { }));
        assertEquals("An image does not exist locally with the tag: " + reg.host() + "/nothere", nf.getMessage());
    }
}
