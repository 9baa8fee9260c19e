package io.berth.storage.testing;

import io.berth.common.testing.TestEnvironment;
import java.nio.file.Path;

/**
 * The storage tests' requirements, through {@link TestEnvironment}'s rule: a missing fixture image or
 * missing root fails the test under CI ({@code CI=true}) and skips it with the reason elsewhere.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Finds {@code shared/fixtures/images/<name>} next to the repository, or in {@code -Dberth.fixtures=<dir>}
     * (see {@link TestEnvironment#fixtureImage}).
     *
     * @param name file name, e.g. {@code busybox-1.docker-archive.tar}
     * @return the fixture's path
     * @throws org.opentest4j.AssertionFailedError under CI if it is absent (the message lists where it was looked for)
     * @throws org.opentest4j.TestAbortedException elsewhere if it is absent (a skip, with the same message)
     */
    public static Path image(String name) {
        return TestEnvironment.current().fixtureImage(name);
    }

    /** Requires root (lchown, mknod, trusted xattrs, mount): fails under CI, skips elsewhere. */
    public static void requireRoot() {
        TestEnvironment.current().requireRoot("lchown, mknod, trusted.* xattrs and mount");
    }
}
