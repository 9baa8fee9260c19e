package io.berth.storage.diff;

import io.berth.common.errors.InvalidArgumentException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Copies an uncompressed layer tar (into the content store, as it arrives) while checking every entry's
 * header with {@link LayerEntries#check}, so that a hostile layer (a 6 000-character path, a device node,
 * {@code ..}) is refused before any snapshot is made for it. The bytes copied are exactly the bytes read,
 * end-of-archive blocks and trailing padding included, so the copy's digest is the layer's diff ID.
 */
public final class LayerScan {
    private LayerScan() {
    }

    /**
     * @param tar the uncompressed layer tar; read to its end, not closed
     * @param out where every byte read goes; not closed
     * @param what the layer's name for errors, e.g. {@code "layer abc/layer.tar"}
     * @return the number of entries
     * @throws InvalidArgumentException if the tar is malformed, truncated or an entry fails a check
     * @throws IOException if {@code out} fails
     */
    public static long copyChecked(InputStream tar, OutputStream out, String what) throws IOException {
        Tee tee = new Tee(tar, out);
        TarArchiveInputStream entries = new TarArchiveInputStream(tee, StandardCharsets.UTF_8.name());
        long n = 0;
        try {
            TarArchiveEntry e;
            while ((e = entries.getNextEntry()) != null) {
                LayerEntries.check(e);
                n++;
            }
            tee.transferTo(OutputStream.nullOutputStream());
        } catch (LayerSizeBound.TooLargeException e) {
            throw e;
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(what + ": " + e.getMessage(), e);
        } catch (Tee.WriteFailure e) {
            throw e.getCause();
        } catch (IOException | IllegalArgumentException e) {
            throw TarReadErrors.malformed(what, e);
        }
        return n;
    }

    /** Writes what it reads; skips by reading, so skipped entry contents are copied too. */
    private static final class Tee extends FilterInputStream {
        /** A failure of the copy's target, told apart from the layer's own read errors. */
        static final class WriteFailure extends IOException {
            WriteFailure(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }

        private final OutputStream out;
        private final byte[] skipBuffer = new byte[64 * 1024];

        Tee(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                write(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int r = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
            return Math.max(r, 0);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
        }

        private void write(byte[] b, int off, int len) throws WriteFailure {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }
    }
}
