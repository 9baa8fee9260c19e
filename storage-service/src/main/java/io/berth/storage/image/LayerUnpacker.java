package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.ContentWriter;
import io.berth.storage.content.Digest;
import io.berth.storage.diff.ApplyResult;
import io.berth.storage.diff.LayerApplier;
import io.berth.storage.diff.LayerScan;
import io.berth.storage.diff.LayerSizeBound;
import io.berth.storage.diff.LayerStreams;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Stores layer tars as blobs named by diff ID (each entry's header checked as it is copied, {@link LayerScan},
 * so a hostile layer is refused before any snapshot is made for it), and unpacks each layer once per chain ID into the storage
 * driver: {@code prepare("extract-<random>", parentChainId)}, apply the tar, check its diff ID, then
 * {@code commit(chainId)} with the labels {@value #DIFF_ID_LABEL} and {@value #SIZE_LABEL}. A layer whose
 * chain ID is already committed is not unpacked again. A failed unpack removes its extraction snapshot. Each
 * stored layer's uncompressed bytes are bounded ({@link LayerSizeBound}: {@code --max-layer-size}, else half the
 * data root's free space), so a decompression bomb stops at the bound and leaves no blob.
 */
@Singleton
final class LayerUnpacker {
    private static final Logger LOG = LogManager.getLogger(LayerUnpacker.class);
    /** Snapshot label: the diff ID of the layer a committed snapshot holds. */
    static final String DIFF_ID_LABEL = "berth.layer.diff-id";
    /** Snapshot label: the unpacked size of the layer in bytes. */
    static final String SIZE_LABEL = "berth.layer.size-bytes";
    /** Prefix of temporary extraction keys. */
    static final String EXTRACT_PREFIX = "extract-";

    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final LayerApplier applier;
    private final LayerSizeBound sizeBound;

    /**
     * @param content where layer blobs go
     * @param snapshotter where layers are unpacked
     * @param applier applies layer tars
     * @param sizeBound the uncompressed bound of each stored layer (decompression bombs)
     */
    @Inject
    LayerUnpacker(ContentStore content, Snapshotter snapshotter, LayerApplier applier, LayerSizeBound sizeBound) {
        this.content = content;
        this.snapshotter = snapshotter;
        this.applier = applier;
        this.sizeBound = sizeBound;
    }

    /**
     * Copies a layer from the archive into the content store, uncompressed, as blob {@code diffId}.
     *
     * @throws InvalidArgumentException if the uncompressed content's digest is not {@code diffId}, or the
     *     stored (compressed) file's digest is not the descriptor's
     */
    void store(ArchiveReader archive, ImageCandidate.Layer layer, Digest diffId, LoadJournal journal) {
        boolean existed = content.exists(diffId);
        MessageDigest blobSha = Digest.newSha256();
        try (InputStream raw = new DigestInputStream(archive.open(layer.path()), blobSha);
             ContentWriter w = content.writer()) {
            try (InputStream tar = sizeBound.bound(LayerStreams.uncompressed(raw), "layer " + layer.path())) {
                LayerScan.copyChecked(tar, w, "layer " + layer.path());
                raw.transferTo(OutputStream.nullOutputStream());
            }
            checkBlobDigest(layer, blobSha);
            try {
                w.commit(diffId);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("layer " + layer.path() + " does not match the diff ID "
                        + diffId + " the image config lists (" + e.getMessage() + ")", e);
            }
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read layer " + layer.path() + ": " + e.getMessage(), e);
        }
        if (!existed) {
            journal.blobCreated(diffId);
        }
    }

    /**
     * Stores a layer tar (plain or gzip) uncompressed as a blob named by its digest, which is its diff ID
     * (docker import: the tar names no digest beforehand).
     *
     * @param raw the tar as sent
     * @param what the tar's name for errors
     * @return the diff ID
     * @throws InvalidArgumentException if the stream cannot be read or decompressed
     */
    Digest storeUncompressed(InputStream raw, String what, LoadJournal journal) {
        MessageDigest sha = Digest.newSha256();
        try (ContentWriter w = content.writer();
             InputStream tar = new DigestInputStream(sizeBound.bound(LayerStreams.uncompressed(raw), what), sha)) {
            LayerScan.copyChecked(tar, w, what);
            Digest diffId = Digest.fromMessageDigest(sha.digest());
            boolean existed = content.exists(diffId);
            w.commit(diffId);
            if (!existed) {
                journal.blobCreated(diffId);
            }
            return diffId;
        } catch (IOException e) {
            throw io.berth.storage.diff.TarReadErrors.malformed(what, e);
        }
    }

    /**
     * @param uncompressed a layer's tar bytes being stored by another path (pull)
     * @param what the layer, for the error
     * @return the stream bounded as every stored layer is ({@link LayerSizeBound#bound})
     */
    InputStream bounded(InputStream uncompressed, String what) {
        return sizeBound.bound(uncompressed, what);
    }

    private static void checkBlobDigest(ImageCandidate.Layer layer, MessageDigest blobSha) {
        if (layer.blobDigest() == null) {
            return;
        }
        Digest actual = Digest.fromMessageDigest(blobSha.digest());
        if (!actual.equals(layer.blobDigest())) {
            throw new InvalidArgumentException("layer blob " + layer.path() + " has digest " + actual
                    + ", the manifest says " + layer.blobDigest());
        }
    }

    /**
     * Makes sure committed snapshot {@code chainId} exists, unpacking blob {@code diffId} on top of
     * {@code parent} if it does not.
     *
     * @param chainId chain ID of the layer stack
     * @param parent chain ID of the stack below, or {@code null} for the bottom layer
     * @param diffId the layer's diff ID (its blob must be stored)
     * @return the layer's unpacked size in bytes
     */
    long unpack(Digest chainId, Digest parent, Digest diffId, LoadJournal journal) {
        String name = chainId.toString();
        if (snapshotter.exists(name)) {
            LOG.debug("layer {} already unpacked as {}", diffId, name);
            return sizeOf(name);
        }
        String key = EXTRACT_PREFIX + UUID.randomUUID();
        List<Mount> mounts = snapshotter.prepare(key, parent == null ? "" : parent.toString(), Map.of());
        try (InputStream blob = content.open(diffId)) {
            ApplyResult r = applier.apply(blob, mounts);
            if (!r.diffId().equals(diffId)) {
                throw new InvalidArgumentException("layer " + diffId + " unpacked with diff ID " + r.diffId());
            }
            snapshotter.commit(name, key, Map.of(DIFF_ID_LABEL, diffId.toString(),
                    SIZE_LABEL, Long.toString(r.sizeBytes())));
            journal.snapshotCreated(name);
            LOG.debug("unpacked layer {} as {} ({} bytes)", diffId, name, r.sizeBytes());
            return r.sizeBytes();
        } catch (IOException | RuntimeException e) {
            removeQuietly(key);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new InternalException("cannot unpack layer " + diffId + ": " + e.getMessage(), e);
        }
    }

    private long sizeOf(String name) {
        String size = snapshotter.stat(name).labels().get(SIZE_LABEL);
        return size != null ? Long.parseLong(size) : snapshotter.usage(name).sizeBytes();
    }

    private void removeQuietly(String key) {
        try {
            if (snapshotter.exists(key)) {
                snapshotter.remove(key);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot remove extraction snapshot {}: {}", key, e.getMessage());
        }
    }
}
