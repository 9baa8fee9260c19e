package io.berth.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A raw HTTP client on a unix socket for tests that need to see bytes as they arrive. */
public final class UnixClient implements AutoCloseable {
    private final SocketChannel ch;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public UnixClient(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
    }

    public void write(String s) throws IOException {
        write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    public void shutdownOutput() throws IOException {
        ch.shutdownOutput();
    }

    /** @return the response head up to and including the blank line */
    public String readHead() throws IOException {
        while (true) {
            String s = pending.toString(StandardCharsets.ISO_8859_1);
            int end = s.indexOf("\r\n\r\n");
            if (end >= 0) {
                byte[] all = pending.toByteArray();
                pending.reset();
                pending.write(all, end + 4, all.length - end - 4);
                return s.substring(0, end + 4);
            }
            if (!fill()) {
                throw new IOException("EOF before the end of the headers: " + s);
            }
        }
    }

    /** @return exactly n bytes */
    public byte[] readExactly(int n) throws IOException {
        while (pending.size() < n) {
            if (!fill()) {
                throw new IOException("EOF after " + pending.size() + " of " + n + " bytes");
            }
        }
        byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, n, all.length - n);
        byte[] out = new byte[n];
        System.arraycopy(all, 0, out, 0, n);
        return out;
    }

    /** @return everything until the server closes the connection */
    public byte[] readToEof() throws IOException {
        while (fill()) {
            // keep reading
        }
        byte[] all = pending.toByteArray();
        pending.reset();
        return all;
    }

    private boolean fill() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int n = ch.read(buf);
        if (n < 0) {
            return false;
        }
        pending.write(buf.array(), 0, n);
        return true;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
