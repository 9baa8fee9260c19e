package io.berth.common.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Binds a unix socket that only its owner (root) may connect to, with no moment at which anyone else could: the
 * socket is bound inside a fresh directory of mode 0700 next to its final path, made mode 0600, and only then
 * renamed to its final path (a rename keeps the listening socket). connect(2) needs write permission on the
 * socket file, so a non-root user gets EACCES. Used for the services' gRPC sockets and the gateway's own socket
 * under the exec root.
 */
public final class PrivateSockets {
    private PrivateSockets() {
    }

    /** Binds a unix socket at the path it is given. */
    @FunctionalInterface
    public interface Binder<T> {
        /**
         * @param path where to bind
         * @return what the bind made (a server, a channel)
         * @throws IOException if the bind fails
         */
        T bind(Path path) throws IOException;
    }

    /**
     * @param socket the final path (a stale file there is replaced)
     * @param binder binds at the path it is given
     * @param <T> what the binder returns
     * @return the binder's result, listening on {@code socket} with mode 0600
     * @throws UncheckedIOException if a step fails (the temporary directory is removed)
     */
    public static <T> T bind(Path socket, Binder<T> binder) {
        Path parent = socket.toAbsolutePath().getParent();
        Path dir = null;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "." + socket.getFileName() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = dir.resolve("s");
            T bound = binder.bind(tmp);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            try {
                Files.move(tmp, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(socket);
                Files.move(tmp, socket);
            }
            return bound;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + socket + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("s"));
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // best effort: an empty hidden directory under the exec root
                }
            }
        }
    }
}
