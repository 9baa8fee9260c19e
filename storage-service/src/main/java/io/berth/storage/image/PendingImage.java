package io.berth.storage.image;

import io.berth.common.image.ImageConfig;
import io.berth.storage.content.ContentStore;
import io.berth.storage.snapshot.Snapshotter;
import java.util.List;

/**
 * An image that an import or a commit stored (blobs, layer snapshots) but that is not indexed yet: the
 * {@link ImageStore} indexes it with its tags or calls {@link #rollback}, which removes exactly what the
 * operation created.
 */
final class PendingImage {
    final ImageRecord image;
    final List<Reference> tags;
    final ImageConfig config;
    private final LoadJournal journal;
    private final ContentStore content;
    private final Snapshotter snapshotter;

    /**
     * @param image the record to index
     * @param tags the tags to set (familiar, with tag)
     * @param config the parsed config
     * @param journal what the operation created
     * @param content where its blobs are
     * @param snapshotter where its layers are
     */
    PendingImage(ImageRecord image, List<Reference> tags, ImageConfig config, LoadJournal journal,
                 ContentStore content, Snapshotter snapshotter) {
        this.image = image;
        this.tags = List.copyOf(tags);
        this.config = config;
        this.journal = journal;
        this.content = content;
        this.snapshotter = snapshotter;
    }

    /** Removes the blobs and snapshots the operation created. */
    void rollback() {
        journal.rollback(content, snapshotter);
    }
}
