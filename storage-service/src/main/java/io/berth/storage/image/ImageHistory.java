package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.image.ImageConfig;
import io.berth.common.time.DockerTime;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker history} as dockerd 20.10's {@code ImageHistory} (moby daemon/images/image_history.go): one
 * row per entry of the config's {@code history}, newest first; a row's size is the unpacked size of the
 * layer the entry made (the entries without {@code empty_layer} take the diff IDs in order), 0 for an empty
 * layer; the rows get image IDs from the top down by walking the parent links ({@link ImageRecord#parent},
 * set by commit): the first row is the image itself, the second its parent, and so on while the parent is
 * stored; every other row is {@code <missing>} (all rows but the first of a loaded or pulled image).
 */
@Singleton
final class ImageHistory {
    /** The ID dockerd shows for a history row whose image is not stored. */
    static final String MISSING = "<missing>";

    private final ImageIndex index;
    private final ContentStore content;
    private final Snapshotter snapshotter;

    @Inject
    ImageHistory(ImageIndex index, ContentStore content, Snapshotter snapshotter) {
        this.index = index;
        this.content = content;
        this.snapshotter = snapshotter;
    }

    /**
     * @param image the image
     * @return its rows, newest first
     * @throws InternalException if the history names more layers than the image has (dockerd's "too many
     *     non-empty layers in History section")
     */
    List<HistoryItem> of(ImageRecord image) {
        ImageConfig config = ImageConfig.parse(content.read(image.id()));
        List<Digest> chain = image.chainIds();
        List<HistoryItem> rows = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History h : config.history() == null ? List.<ImageConfig.History>of() : config.history()) {
            long size = 0;
            if (!Boolean.TRUE.equals(h.emptyLayer())) {
                if (layer >= chain.size()) {
                    throw new InternalException("too many non-empty layers in History section");
                }
                size = layerSize(chain.get(layer).toString());
                layer++;
            }
            rows.add(0, new HistoryItem(MISSING, seconds(h.created()), orEmpty(h.createdBy()), List.of(), size,
                    orEmpty(h.comment())));
        }
        Optional<ImageRecord> current = Optional.of(image);
        for (int i = 0; i < rows.size() && current.isPresent(); i++) {
            ImageRecord r = current.get();
            HistoryItem row = rows.get(i);
            rows.set(i, new HistoryItem(r.id().toString(), row.createdSeconds(), row.createdBy(),
                    index.tagsOf(r.id()).stream().filter(t -> !t.contains("@")).toList(), row.sizeBytes(),
                    row.comment()));
            current = r.parent() == null ? Optional.empty() : index.image(r.parent());
        }
        return rows;
    }

    private long layerSize(String chainId) {
        if (!snapshotter.exists(chainId)) {
            return 0;
        }
        String label = snapshotter.stat(chainId).labels().get(LayerUnpacker.SIZE_LABEL);
        return label != null ? Long.parseLong(label) : snapshotter.usage(chainId).sizeBytes();
    }

    private static long seconds(String created) {
        if (created == null || created.isEmpty()) {
            return 0;
        }
        try {
            Instant t = DockerTime.parse(created);
            return t.getEpochSecond();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
