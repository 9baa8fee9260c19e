package io.berth.monitor.stats;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture trees of cgroup files under src/test/resources (cgroup-v1: this machine's layout; cgroup-v2). */
final class Fixtures {
    /** The init pid whose proc/<pid>/cgroup the fixtures hold. */
    static final int PID = 4242;

    private Fixtures() {
    }

    static Path tree(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name + "/proc/meminfo").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
