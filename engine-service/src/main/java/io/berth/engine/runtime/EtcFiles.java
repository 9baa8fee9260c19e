package io.berth.engine.runtime;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the files dockerd bind-mounts over a container's /etc/hostname, /etc/hosts and /etc/resolv.conf
 * (kept in {@code <data-root>/containers/<id>/}). The network is loopback only for now, so hosts has only
 * the localhost entries, as dockerd writes for {@code --network none}; resolv.conf is a copy of the host's.
 */
public final class EtcFiles {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private EtcFiles() {
    }

    /**
     * @param r the container (its paths and hostname)
     * @throws IOException if a file cannot be written
     */
    public static void write(ContainerRecord r) throws IOException {
        Files.createDirectories(Path.of(r.hostnamePath()).getParent());
        AtomicFiles.write(Path.of(r.hostnamePath()), (r.config().hostname() + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(Path.of(r.hostsPath()), hosts().getBytes(StandardCharsets.UTF_8));
        byte[] resolv = Files.isReadable(HOST_RESOLV_CONF) ? Files.readAllBytes(HOST_RESOLV_CONF) : new byte[0];
        AtomicFiles.write(Path.of(r.resolvConfPath()), resolv);
    }

    /** @return dockerd's /etc/hosts for a container without networks */
    static String hosts() {
        return "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\n"
                + "ff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\n"
                + "ff02::2\tip6-allrouters\n";
    }
}
