package io.berth.storage.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Reports the bytes read through it: at most once per {@value #STEP} bytes and once at end of stream, so a
 * progress bar moves without a message per read.
 */
public final class ProgressInput extends FilterInputStream {
    /** Bytes between two reports. */
    static final long STEP = 512 * 1024;
    private final LongConsumer report;
    private long count;
    private long reported;

    /**
     * @param in the stream
     * @param report gets the total bytes read so far
     */
    public ProgressInput(InputStream in, LongConsumer report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        } else {
            finish();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= STEP) {
            reported = count;
            report.accept(count);
        }
    }

    private void finish() {
        if (reported != count) {
            reported = count;
            report.accept(count);
        }
    }
}
