package io.berth.storage.diff;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Mount;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Applies an image layer (an uncompressed or gzip tar in the OCI image-spec layer.md / Docker image spec
 * v1.2 format) to a snapshot, computing the layer's diff ID (sha256 of the uncompressed tar, every byte
 * including the end-of-archive blocks) and its unpacked size as it reads.
 *
 * <p>The tar is hostile until proven otherwise: see {@link LayerWriter} for the checks. Whiteouts
 * ({@code .wh.<name>}, opaque marker {@code .wh..wh..opq}) are applied according to the target: in an
 * overlayfs upper directory they become overlayfs whiteouts, in a plain tree they delete paths
 * ({@link WhiteoutMode}). A layer that fails leaves the target partly written: callers apply into a
 * temporary snapshot and remove it on failure.
 */
public final class LayerApplier {
    private static final Logger LOG = LogManager.getLogger(LayerApplier.class);

    /**
     * Applies a layer to the tree the mounts of an active snapshot describe, without mounting anything:
     * an {@code overlay} mount is written through its {@code upperdir} ({@link WhiteoutMode#OVERLAY}),
     * a {@code bind} mount through its source ({@link WhiteoutMode#DELETE}).
     *
     * @param layer the layer blob (plain or gzip tar); read to its end, not closed
     * @param mounts the mounts {@code Snapshotter.prepare} returned
     * @return the diff ID and unpacked size
     * @throws InvalidArgumentException if the layer is malformed or hostile, or the mounts are not
     *     supported
     * @throws InternalException if the filesystem fails
     */
    public ApplyResult apply(InputStream layer, List<Mount> mounts) {
        if (mounts.size() != 1) {
            throw new InvalidArgumentException("cannot apply a layer to " + mounts.size() + " mounts");
        }
        Mount m = mounts.get(0);
        if (m.type().equals("overlay") && m.option("upperdir=") != null) {
            return apply(layer, Path.of(m.option("upperdir=")), WhiteoutMode.OVERLAY);
        }
        if (m.type().equals("bind") && !m.options().contains("ro")) {
            return apply(layer, Path.of(m.source()), WhiteoutMode.DELETE);
        }
        throw new InvalidArgumentException("cannot apply a layer to a read-only or unknown mount " + m);
    }

    /**
     * Applies a layer to a directory.
     *
     * @param layer the layer blob (plain or gzip tar); read to its end, not closed
     * @param root the directory to write into (an overlayfs upper directory or a complete tree)
     * @param mode how whiteouts are written
     * @return the diff ID and unpacked size
     * @throws InvalidArgumentException if the layer is malformed (e.g. truncated) or hostile
     * @throws InternalException if the filesystem fails
     */
    public ApplyResult apply(InputStream layer, Path root, WhiteoutMode mode) {
        MessageDigest sha256 = Digest.newSha256();
        LayerWriter writer = new LayerWriter(root.toAbsolutePath(), mode);
        try (writer) {
            InputStream tarBytes = new DigestInputStream(uncompressed(layer), sha256);
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes, StandardCharsets.UTF_8.name());
            InputStream content = new MalformedOnError(tar);
            TarArchiveEntry e;
            while ((e = nextEntry(tar)) != null) {
                writer.write(e, content);
            }
            writer.finish();
            content.transferTo(OutputStream.nullOutputStream());
            new MalformedOnError(tarBytes).transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InternalException("cannot apply layer to " + root + ": " + e.getMessage(), e);
        }
        ApplyResult result = new ApplyResult(Digest.fromMessageDigest(sha256.digest()), writer.sizeBytes());
        LOG.debug("applied layer {} ({} bytes) to {}", result.diffId(), result.sizeBytes(), root);
        return result;
    }

    private static InputStream uncompressed(InputStream layer) {
        try {
            return LayerStreams.uncompressed(new NonClosing(layer));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(e);
        }
    }

    private static InvalidArgumentException malformed(Exception e) {
        return TarReadErrors.malformed("layer", e);
    }

    /** Turns read errors of the layer itself (truncation, corrupt gzip) into {@link InvalidArgumentException}. */
    private static final class MalformedOnError extends FilterInputStream {
        MalformedOnError(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** Keeps the caller's stream open when the tar stream is closed. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
