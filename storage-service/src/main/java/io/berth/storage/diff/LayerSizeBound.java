package io.berth.storage.diff;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * The decompression-bomb bound of a layer (issue 11, Safety): how many uncompressed bytes one layer may have
 * while it is stored (load, import, pull). With {@code --max-layer-size} that many, refused with a 400 (the
 * client's layer is over the daemon's limit); without it half of the data root's free space when the layer
 * starts, refused with a 500 (the daemon's disk, as dockerd fails with ENOSPC). The check is made on the
 * stream as it is read, so a small gzip of a huge output stops at the bound; the caller's ingest file and load
 * journal then remove whatever was written (nothing stays: no blob, no snapshot).
 */
public final class LayerSizeBound {
    private final Path dataRoot;
    private final long maxLayerSize;
    private final ToLongFunction<Path> freeSpace;

    /**
     * @param dataRoot the data root whose free space bounds layers when no maximum is set
     * @param maxLayerSize {@code --max-layer-size} in bytes, 0 for none
     */
    public LayerSizeBound(Path dataRoot, long maxLayerSize) {
        this(dataRoot, maxLayerSize, LayerSizeBound::usableSpace);
    }

    /**
     * @param dataRoot the data root
     * @param maxLayerSize bytes, 0 for none
     * @param freeSpace the free bytes of a path's filesystem (tests give a small one)
     */
    public LayerSizeBound(Path dataRoot, long maxLayerSize, ToLongFunction<Path> freeSpace) {
        if (maxLayerSize < 0) {
            throw new IllegalArgumentException("max layer size must not be negative: " + maxLayerSize);
        }
        this.dataRoot = dataRoot;
        this.maxLayerSize = maxLayerSize;
        this.freeSpace = freeSpace;
    }

    /**
     * Bounds one layer's uncompressed stream.
     *
     * @param uncompressed the layer's tar bytes
     * @param what the layer, for the error ("layer sha256:...")
     * @return a stream that throws {@link TooLargeException} (over {@code --max-layer-size}) or
     *     {@link InternalException} (over half the free space) from the read that passes the bound
     */
    public InputStream bound(InputStream uncompressed, String what) {
        long limit = maxLayerSize > 0 ? maxLayerSize : Math.max(0, freeSpace.applyAsLong(dataRoot) / 2);
        return new Bounded(uncompressed, limit, what);
    }

    private static long usableSpace(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            throw new InternalException("cannot measure the free space of " + p + ": " + e.getMessage(), e);
        }
    }

    /** A layer over {@code --max-layer-size}: a 400 whose message already names the layer. */
    public static final class TooLargeException extends InvalidArgumentException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private final class Bounded extends FilterInputStream {
        private final long limit;
        private final String what;
        private long count;

        Bounded(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                counted(s);
            }
            return s;
        }

        private void counted(long n) {
            count += n;
            if (count <= limit) {
                return;
            }
            if (maxLayerSize > 0) {
                throw new TooLargeException(what + " is larger than the maximum layer size of " + limit
                        + " bytes uncompressed (--max-layer-size)");
            }
            throw new InternalException(what + " is larger than half of the free space on the data root ("
                    + limit + " bytes uncompressed): refused before the disk fills (--max-layer-size sets the bound)");
        }
    }
}
