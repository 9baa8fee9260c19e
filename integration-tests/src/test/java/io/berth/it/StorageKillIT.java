package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of storage-service in the middle of a {@code docker load} and of a {@code docker commit} (issue 11,
 * Safety; the same for a pull is {@code RegistryIT}): berthd restarts storage-service, the operation fails, and
 * after the restart no partial image, blob, temp or ingest file, snapshot or overlay2 short link of the
 * interrupted operation remains; the same operation then works. The load is caught while its upload is half
 * sent (the CLI's stdin is fed by the test); the commit while storage writes the 64 MiB diff to
 * {@code storage/tmp}.
 */
class StorageKillIT {
    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (String c : containers) {
            BERTHD.docker().run("rm", "-f", c);
        }
        for (String i : images) {
            BERTHD.docker().run("rmi", "-f", i);
        }
    }

    /** What storage keeps on disk, by directory, to compare before and after an interrupted operation. */
    private record StoreState(List<String> blobs, List<String> ingest, List<String> tmp, List<String> snapshots,
                              List<String> links, List<String> images) {
    }

    private StoreState state() throws Exception {
        Path storage = BERTHD.daemon().dataRoot.resolve("storage");
        return new StoreState(list(storage.resolve("content/blobs/sha256")), list(storage.resolve("content/ingest")),
                list(storage.resolve("tmp")), list(storage.resolve("overlay2/snapshots")),
                list(storage.resolve("overlay2/l")),
                List.of(BERTHD.docker().ok("images", "-a", "-q", "--no-trunc").strip().split("\n")));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Waits (5 ms polls, at most 60 s) until {@code dir} has an entry; @return true if it did. */
    private static boolean awaitEntry(Path dir) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!list(dir).isEmpty()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static long killStorage() {
        long storage = BERTHD.daemon().servicePid("io.berth.storage.StorageMain");
        ProcessHandle.of(storage).orElseThrow().destroyForcibly();
        return storage;
    }

    private static void awaitStorage(long oldPid) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (BERTHD.daemon().servicePid("io.berth.storage.StorageMain") != oldPid
                        && BERTHD.docker().run("images").exitCode() == 0) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not restarted yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("storage-service was not restarted");
    }

    @Test
    void killMinus9OfStorageDuringALoad_leavesNothing_andTheLoadWorksAfterwards() throws Exception {
        Path archive = WalkingSkeletonContract.fixture(WalkingSkeletonContract.MULTILAYER_ARCHIVE);
        byte[] bytes = Files.readAllBytes(archive);
        StoreState before = state();
        Path base = BERTHD.daemon().base;
        Process load = BERTHD.docker().start(base.resolve("load.out"), base.resolve("load.err"), "load");
        OutputStream stdin = load.getOutputStream();
        stdin.write(bytes, 0, bytes.length / 2);
        stdin.flush();
        assertTrue(awaitEntry(BERTHD.daemon().dataRoot.resolve("storage/tmp")), "the upload reached storage");

        long killed = killStorage();
        try {
            stdin.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            stdin.close();
        } catch (IOException closed) {
            // the gateway may have ended the request already
        }
        assertTrue(load.waitFor(120, TimeUnit.SECONDS), "docker load ended");
        assertNotEquals(0, load.exitValue(), "the interrupted load fails");
        awaitStorage(killed);

        assertEquals(before, state(), "nothing of the interrupted load remains");
        images.add(WalkingSkeletonContract.MULTILAYER);
        assertTrue(BERTHD.docker().ok("load", "-i", archive.toString()).contains(WalkingSkeletonContract.MULTILAYER));
        assertEquals("ok\n", BERTHD.docker().ok("run", "--rm", WalkingSkeletonContract.MULTILAYER, "echo ok"));
    }

    @Test
    void killMinus9OfStorageDuringACommit_leavesNothing_andTheCommitWorksAfterwards() throws Exception {
        String c = "kill-commit-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(c);
        BERTHD.docker().ok("run", "--name", c, WalkingSkeletonContract.BUSYBOX, "dd", "if=/dev/urandom", "of=/big",
                "bs=1048576", "count=64");
        StoreState before = state();
        Path base = BERTHD.daemon().base;
        Process commit = BERTHD.docker().start(base.resolve("commit.out"), base.resolve("commit.err"), "commit", c,
                c + ":killed");
        commit.getOutputStream().close();
        assertTrue(awaitEntry(BERTHD.daemon().dataRoot.resolve("storage/tmp")), "the commit's diff reached storage");

        long killed = killStorage();
        assertTrue(commit.waitFor(120, TimeUnit.SECONDS), "docker commit ended");
        assertNotEquals(0, commit.exitValue(), "the interrupted commit fails: "
                + Files.readString(base.resolve("commit.out")));
        awaitStorage(killed);

        assertEquals(before, state(), "nothing of the interrupted commit remains");
        images.add(c + ":again");
        BERTHD.docker().ok("commit", c, c + ":again");
        assertEquals("67108864\n", BERTHD.docker().ok("run", "--rm", c + ":again", "stat", "-c", "%s", "/big"));
    }
}
