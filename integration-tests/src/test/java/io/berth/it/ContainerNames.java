package io.berth.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Unique container names for a test, removed (with {@code docker rm -f}) by {@link #removeAll} in the test's
 * {@code @AfterEach}.
 */
final class ContainerNames {
    private final DockerCli docker;
    private final List<String> names = new ArrayList<>();

    ContainerNames(DockerCli docker) {
        this.docker = docker;
    }

    /** @return "prefix-" plus 8 random hex digits, remembered for removal */
    String next(String prefix) {
        String n = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        names.add(n);
        return n;
    }

    /** Removes every container named so far (missing ones are fine). */
    void removeAll() throws Exception {
        for (String n : names) {
            docker.run("rm", "-f", n);
        }
        names.clear();
    }
}
