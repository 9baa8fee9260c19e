package io.berth.storage.snapshot.btrfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.sys.Sys;
import io.berth.common.testing.TestEnvironment;
import io.berth.storage.snapshot.SnapshotterContractTest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one driver contract on btrfs: a loop-mounted btrfs file system on a temp file (made with Debian's
 * btrfs-progs), one per class, each test on a fresh directory of it; unmounted (which frees the loop device)
 * and deleted at the end, even when tests fail.
 */
class BtrfsSnapshotterTest extends SnapshotterContractTest {
    private static Path image;
    private static Path mountPoint;
    private static final AtomicInteger ROOTS = new AtomicInteger();

    @BeforeAll
    static void mountBtrfs() throws Exception {
        Fixtures.requireRoot();
        TestEnvironment.current().requireExecutable(Path.of("/usr/sbin/mkfs.btrfs"), "mkfs.btrfs (Debian btrfs-progs)");
        Path dir = Files.createTempDirectory("berth-btrfs-");
        image = dir.resolve("btrfs.img");
        mountPoint = Files.createDirectory(dir.resolve("mnt"));
        try (var f = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(0);
            f.position(256L * 1024 * 1024 - 1);
            f.write(java.nio.ByteBuffer.wrap(new byte[1]));
        }
        run("mkfs.btrfs", "-q", image.toString());
        run("mount", "-o", "loop", image.toString(), mountPoint.toString());
    }

    @AfterAll
    static void unmountBtrfs() throws Exception {
        if (mountPoint == null) {
            return;
        }
        try {
            try {
                Sys.unmount(mountPoint, false);
            } catch (IOException busy) {
                // a directory stream some test left open: detach now, the kernel frees it (and the loop
                // device, autoclear) once the last descriptor closes
                Sys.unmount(mountPoint, true);
            }
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(mountPoint);
            Files.deleteIfExists(mountPoint.getParent());
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private Path root;

    @Override
    protected Path driverRoot() {
        if (root == null) {
            root = mountPoint.resolve("t" + ROOTS.incrementAndGet());
        }
        return root;
    }

    @Override
    protected StorageDriver open(Path root) {
        return new BtrfsSnapshotter(root);
    }

    @Override
    protected OptionalInt maxParents() {
        return OptionalInt.empty();
    }

    @Test
    void aLayerIsASubvolumeSnapshotOfItsParent_andRemovalDeletesIt() throws Exception {
        layer("base", "", new TarBuilder().file("s", "x", 0644).build());
        Path fs = Path.of(sn.prepare("c", "base", Map.of()).get(0).source());

        assertEquals(256L, ((Number) Files.getAttribute(fs, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue(),
                "the tree is a subvolume's root");
        assertEquals("x", Files.readString(fs.resolve("s")));
        sn.remove("c");
        assertTrue(!Files.exists(fs));
    }

    @Test
    void statusHasDockerdsBuildVersion() {
        List<Map.Entry<String, String>> status = sn.status();

        assertEquals("Build Version", status.get(0).getKey());
        assertTrue(status.get(0).getValue().matches("Btrfs v[0-9.]+"), status.toString());
    }
}
