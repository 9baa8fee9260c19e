package io.berth.engine.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The init process of {@code docker run --init}: Debian's {@code tini} (statically linked {@code tini-static}
 * first, so that it runs in images without a libc), bind-mounted read-only as {@value #IN_CONTAINER} and run
 * as PID 1 with the container's command after {@code --}, as dockerd does with its {@code docker-init}
 * (moby daemon/oci_linux.go {@code WithCommonOptions}).
 */
public final class InitBinary {
    /** Where dockerd mounts its init in the container. */
    public static final String IN_CONTAINER = "/sbin/docker-init";
    private static final List<String> CANDIDATES = List.of("/usr/bin/tini-static", "/usr/bin/docker-init",
            "/usr/bin/tini", "/usr/local/bin/docker-init", "/usr/libexec/docker/docker-init");

    private InitBinary() {
    }

    /**
     * @return the host path of the init binary
     * @throws IllegalStateException (500) when none is installed, naming what to install
     */
    public static String find() {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new IllegalStateException("docker-init (tini) not found on the host: install Debian's tini package"
                + " (looked for " + String.join(", ", CANDIDATES) + ")");
    }
}
