package io.berth.storage.image;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an archive on disk into verified, stored images, not yet visible (Docker Engine API v1.41 POST
 * /images/load; moby image/tarexport load.go does the same steps): detects the format (docker-archive's
 * {@code manifest.json} or OCI layout's {@code index.json}), parses and validates every config, verifies
 * and stores each layer under its diff ID, unpacks it once per chain ID, and stores the config blob (the
 * image ID is its digest). The caller publishes the images with {@link PendingLoad#images()} or discards
 * everything with {@link PendingLoad#rollback()}.
 */
@Singleton
final class ImageLoader {
    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final LayerUnpacker unpacker;

    /** An image ready to be indexed, with the tags the archive gives it. */
    record Loaded(ImageRecord image, List<Reference> tags, ImageConfig config) {
    }

    /** The result of a load that has not been published yet. */
    final class PendingLoad {
        private final List<Loaded> images;
        private final LoadJournal journal;

        PendingLoad(List<Loaded> images, LoadJournal journal) {
            this.images = images;
            this.journal = journal;
        }

        /** @return the loaded images, in archive order */
        List<Loaded> images() {
            return images;
        }

        /** Removes every blob and snapshot this load created. */
        void rollback() {
            journal.rollback(content, snapshotter);
        }
    }

    /**
     * @param content where configs and layer blobs go
     * @param snapshotter where layers are unpacked (to roll back)
     * @param unpacker stores and unpacks each layer
     */
    @Inject
    ImageLoader(ContentStore content, Snapshotter snapshotter, LayerUnpacker unpacker) {
        this.content = content;
        this.snapshotter = snapshotter;
        this.unpacker = unpacker;
    }

    /**
     * @param archive the uploaded archive
     * @return the stored, not yet indexed images
     * @throws InvalidArgumentException if the archive is malformed or hostile (nothing is kept then)
     */
    PendingLoad load(Path archive) {
        LoadJournal journal = new LoadJournal();
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            List<ImageCandidate> candidates = candidates(reader);
            List<Loaded> loaded = new ArrayList<>();
            for (ImageCandidate c : candidates) {
                loaded.add(loadOne(reader, c, journal));
            }
            return new PendingLoad(loaded, journal);
        } catch (RuntimeException e) {
            journal.rollback(content, snapshotter);
            throw e;
        }
    }

    private static List<ImageCandidate> candidates(ArchiveReader reader) {
        List<ImageCandidate> c;
        if (reader.has(DockerArchiveFormat.MANIFEST)) {
            c = DockerArchiveFormat.read(reader);
        } else if (reader.has(OciLayoutFormat.INDEX)) {
            c = OciLayoutFormat.read(reader);
        } else {
            throw new InvalidArgumentException("invalid image archive: it holds neither manifest.json "
                    + "(docker save) nor index.json (OCI image layout)");
        }
        if (c.isEmpty()) {
            throw new InvalidArgumentException("invalid image archive: it holds no images");
        }
        return c;
    }

    private Loaded loadOne(ArchiveReader reader, ImageCandidate c, LoadJournal journal) {
        ImageConfig config = ImageConfigParser.parse(c.configJson());
        List<Digest> diffIds = ImageConfigParser.diffIds(config);
        if (diffIds.size() != c.layers().size()) {
            throw new InvalidArgumentException("image config lists " + diffIds.size()
                    + " diff IDs but the manifest has " + c.layers().size() + " layers");
        }
        Digest chain = null;
        long size = 0;
        for (int i = 0; i < c.layers().size(); i++) {
            Digest diffId = diffIds.get(i);
            unpacker.store(reader, c.layers().get(i), diffId, journal);
            Digest next = ChainIds.next(chain, diffId);
            size += unpacker.unpack(next, chain, diffId, journal);
            chain = next;
        }
        Digest id = Digest.sha256(c.configJson());
        if (!content.exists(id)) {
            content.put(c.configJson());
            journal.blobCreated(id);
        }
        return new Loaded(new ImageRecord(id, diffIds, size, 0), c.tags(), config);
    }
}
