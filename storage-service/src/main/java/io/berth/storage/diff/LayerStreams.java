package io.berth.storage.diff;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Opens layer blobs that may be gzip-compressed (OCI media types {@code tar} and {@code tar+gzip}). */
public final class LayerStreams {
    private LayerStreams() {
    }

    /**
     * Returns the uncompressed tar bytes of a layer: gzip is recognised by its magic bytes (1f 8b) and
     * decompressed; anything else is passed through as a plain tar.
     *
     * @param blob the layer as stored or sent
     * @return a stream of the uncompressed tar; closing it closes {@code blob}
     * @throws IOException if the gzip header is corrupt
     */
    public static InputStream uncompressed(InputStream blob) throws IOException {
        InputStream in = blob.markSupported() ? blob : new BufferedInputStream(blob, 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
        }
        return in;
    }
}
