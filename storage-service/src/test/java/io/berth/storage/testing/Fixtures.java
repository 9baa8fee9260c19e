package io.berth.storage.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.common.sys.Sys;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared fixture images and guards root-only tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Finds {@code shared/fixtures/images/<name>} next to the repository: the directory {@code shared/}
     * in the working directory or any of its parents (from {@code <repo>/storage-service} that is
     * {@code <repo>/../shared}), or {@code -Dberth.fixtures=<dir>}. Skips the test if it is absent.
     *
     * @param name file name, e.g. {@code busybox-1.docker-archive.tar}
     * @return the fixture's path
     */
    public static Path image(String name) {
        String override = System.getProperty("berth.fixtures");
        if (override != null && Files.isRegularFile(Path.of(override, name))) {
            return Path.of(override, name);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("fixtures").resolve("images").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        assumeTrue(false, "fixture " + name + " not found in any parent's shared/fixtures/images");
        return null;
    }

    /** Skips the test unless it runs as root (lchown, mknod, trusted xattrs, mount). */
    public static void assumeRoot() {
        assumeTrue(Sys.isRoot(), "needs root");
    }
}
