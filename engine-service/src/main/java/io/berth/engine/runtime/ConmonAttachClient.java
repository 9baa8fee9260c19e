package io.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import io.berth.engine.config.Bundle;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Connects to conmon's attach socket to write a container's stdin (conmon 2.1, src/conn_sock.c). conmon
 * started with {@code --socket-dir-path S -u <cuuid> -b B} binds a SOCK_SEQPACKET unix socket at
 * {@code B/attach} (reached through its symlink {@code S/<cuuid>} to the bundle) before it runs
 * {@code runc create}, so the socket exists once {@link ConmonLauncher#launch} has returned. For a
 * container launched with {@code -i}, every packet a client sends is written to the process's stdin; the
 * end of a client's input (it half-closes or closes) closes that stdin unless conmon got
 * {@code --leave-stdin-open}. conmon also sends every output chunk to each connected client
 * ({@code [1 byte stream][data]} packets, with a blocking write); {@link ConmonAttachConnection} discards
 * them (the output reaches clients through the json-file log instead) and explains why it half-closes.
 *
 * <p>The JDK cannot open SOCK_SEQPACKET sockets, so this uses junixsocket. A unix socket path is limited
 * to 108 bytes and bundle paths under a deep exec root are longer, so the socket is reached as
 * {@code /proc/self/fd/<fd>/attach} through an {@code O_PATH} descriptor of the bundle directory, as
 * conmon itself does when it binds.
 */
@Singleton
public class ConmonAttachClient {
    /** The name of conmon's attach socket in the bundle directory. */
    public static final String SOCKET_NAME = "attach";

    /**
     * Connects to the attach socket of the container run whose bundle this is.
     *
     * @param bundle the container's bundle (conmon's {@code -b})
     * @return an open connection; the caller closes it
     * @throws IOException if the bundle or its socket does not exist (conmon gone, container not started
     *                     with stdin) or the connection is refused
     */
    public StdinConnection connect(Bundle bundle) throws IOException {
        AFUNIXDatagramChannel ch = open(bundle.dir());
        try {
            return new ConmonAttachConnection(ch, bundle.dir().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Connects to the attach socket conmon bound in a directory (a container's bundle, or an exec's
     * directory: conmon's {@code -b}), for a caller that reads conmon's output packets itself (an exec).
     *
     * @param dir the directory holding the {@value #SOCKET_NAME} socket
     * @return the connected channel (blocking); the caller closes it
     * @throws IOException if the directory or its socket does not exist or the connection is refused
     */
    public AFUNIXDatagramChannel open(Path dir) throws IOException {
        int dirFd = openDir(dir);
        try {
            AFUNIXDatagramChannel ch = AFUNIXSelectorProvider.provider()
                    .openDatagramChannel(AFSocketType.SOCK_SEQPACKET);
            try {
                ch.connect(AFUNIXSocketAddress.of(new File("/proc/self/fd/" + dirFd + "/" + SOCKET_NAME)));
                return ch;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw new IOException("cannot connect to conmon's attach socket in " + dir + ": "
                        + e.getMessage(), e);
            }
        } finally {
            closeDir(dirFd);
        }
    }

    private static int openDir(Path dir) throws IOException {
        try {
            return AttachLibC.INSTANCE.open(dir.toString(), AttachLibC.O_PATH | AttachLibC.O_DIRECTORY
                    | AttachLibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + dir + ": errno " + e.getErrorCode(), e);
        }
    }

    private static void closeDir(int fd) {
        try {
            AttachLibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
