package io.berth.storage.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that must be exactly {@code expected} bytes (a blob's descriptor size): more is an error as
 * soon as the first extra byte arrives, fewer is an error at end of stream ("unexpected EOF"), so neither a
 * lying Content-Length nor a truncated transfer nor an endless body gets past it.
 */
final class BoundedInput extends FilterInputStream {
    private final long expected;
    private final String what;
    private long count;

    /**
     * @param in the body
     * @param expected the exact number of bytes it must have
     * @param what the blob, for errors
     */
    BoundedInput(InputStream in, long expected, String what) {
        super(in);
        this.expected = expected;
        this.what = what;
    }

    /** @return bytes read so far */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = expected - count;
        int want = (int) Math.min(len, Math.max(left, 0) + 1);
        int n = super.read(b, off, want);
        if (n < 0) {
            if (count < expected) {
                throw new IOException("unexpected EOF: " + what + " ended after " + count + " of " + expected
                        + " bytes");
            }
            return -1;
        }
        count += n;
        if (count > expected) {
            throw new IOException(what + " is longer than the " + expected + " bytes its descriptor declares");
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Math.max(0, read(new byte[(int) Math.max(1, Math.min(n, 8192))]));
    }
}
