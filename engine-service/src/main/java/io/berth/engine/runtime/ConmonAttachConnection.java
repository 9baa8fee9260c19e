package io.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A connected SOCK_SEQPACKET channel to conmon's attach socket (see {@link ConmonAttachClient}).
 *
 * <p>Writes go out as packets of at most {@link #MAX_PACKET} bytes: conmon reads one packet per
 * {@code read(2)} into a 32 KiB buffer, so a longer packet would be cut, and an empty one would read as the
 * end of stdin.
 *
 * <p>{@link #close()} only half-closes ({@code shutdown(SHUT_WR)}): conmon reads that as the end of this
 * client's stdin. The socket itself stays open, and a daemon thread keeps reading and discarding what conmon
 * sends (the container's output, which clients get from the json-file log), until conmon closes its side
 * (when the container exits); only then is the channel closed. Both are needed by conmon 2.1: it writes
 * output to every client with a blocking write, so an unread socket would stall it; and if such a write
 * fails because the client closed its socket before conmon read the client's end of input, conmon frees
 * the client while still handling it and never closes the container's stdin (conn_sock.c,
 * {@code terminate_remote_sock} after {@code remote_sock_shutdown}), so {@code cat} would wait forever.
 */
final class ConmonAttachConnection implements StdinConnection {
    private static final Logger LOG = LogManager.getLogger(ConmonAttachConnection.class);
    /** Largest packet written; conmon's CONN_SOCK_BUF_SIZE is 32768. */
    static final int MAX_PACKET = 8192;

    private final AFUNIXDatagramChannel channel;
    private final int fd;
    private final Object lock = new Object();
    private boolean inputEnded;

    /**
     * @param channel a connected channel; owned by this connection from now on
     * @param name a name for the drain thread (the container ID)
     * @throws IOException if the channel's descriptor cannot be read
     */
    ConmonAttachConnection(AFUNIXDatagramChannel channel, String name) throws IOException {
        this.channel = channel;
        this.fd = FileDescriptorCast.using(channel.getFileDescriptor()).as(Integer.class);
        Thread t = new Thread(this::drain, "conmon-attach-" + name.substring(0, Math.min(12, name.length())));
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void write(byte[] data) throws IOException {
        for (int off = 0; off < data.length; off += MAX_PACKET) {
            int len = Math.min(MAX_PACKET, data.length - off);
            if (channel.write(ByteBuffer.wrap(data, off, len)) != len) { // a packet goes whole or not at all
                throw new IOException("conmon's attach socket took only part of a " + len + "-byte packet");
            }
        }
    }

    /** Ends this client's input (half-close); the socket is released once conmon closes its side. */
    @Override
    public void close() {
        synchronized (lock) {
            if (inputEnded || !channel.isOpen()) {
                inputEnded = true;
                return; // also: never shut down a descriptor number the drain has released
            }
            inputEnded = true;
            try {
                AttachLibC.INSTANCE.shutdown(fd, AttachLibC.SHUT_WR);
            } catch (LastErrorException e) {
                LOG.debug("shutdown of conmon's attach socket: errno {}", e.getErrorCode());
            }
        }
    }

    private void drain() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                buf.clear();
                if (channel.read(buf) <= 0) {
                    break; // conmon never sends empty packets: this is the end of the connection
                }
            }
        } catch (IOException e) {
            LOG.trace("conmon attach drain ended: {}", e.toString());
        }
        synchronized (lock) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing conmon's attach socket: {}", e.toString());
            }
        }
    }
}
