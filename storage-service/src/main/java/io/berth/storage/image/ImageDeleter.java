package io.berth.storage.image;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.content.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's image delete (Docker Engine API v1.41 DELETE /images/{name}; dockerd 20.10
 * daemon/images/image_delete.go): deleting by tag untags, and deletes the image only when no tag remains;
 * deleting by ID removes the image's single tag with it, but refuses an image with several tags unless
 * forced. Containers using the image cause dockerd's conflicts: a running one always (even with force, which
 * then only untags), a stopped one unless forced. When the image goes, {@link LayerCollector#releaseImage}
 * removes its config blob and the layer snapshots and blobs no other image uses. Runs under the store's lock.
 */
@Singleton
final class ImageDeleter {

    /** A delete conflict, hard (never forced) or soft, and whether a container caused it. */
    private record Conflict(Digest id, boolean hard, boolean used, String message) {
        boolean children() {
            return message.equals(DEPENDENT_CHILDREN);
        }

        ConflictException exception() {
            return new ConflictException("conflict: unable to delete " + id.shortId() + " ("
                    + (hard ? "cannot be forced" : "must be forced") + ") - " + message);
        }
    }

    private static final String DEPENDENT_CHILDREN = "image has dependent child images";

    private final ImageIndex index;
    private final ImageEvents events;
    private final LayerCollector layers;

    /**
     * @param index the image index
     * @param events where image events go
     * @param layers removes the layers and blobs a deleted image leaves unused
     */
    @Inject
    ImageDeleter(ImageIndex index, ImageEvents events, LayerCollector layers) {
        this.index = index;
        this.events = events;
        this.layers = layers;
    }

    /**
     * @param text a reference, ID or ID prefix
     * @param force Docker's force
     * @param users containers using images
     * @return Docker's answer items, in order
     * @throws NotFoundException "No such image: ..." if nothing matches
     * @throws ConflictException with dockerd's message when containers or tags prevent the delete
     */
    List<DeleteItem> delete(String text, boolean force, List<ImageUser> users) {
        ImageRecord image = ImageResolver.resolve(index, text);
        Digest id = image.id();
        List<DeleteItem> items = new ArrayList<>();
        List<String> tags = index.tagsOf(id);
        if (!ImageResolver.isIdPrefix(id, text)) {
            ImageUser user = firstUser(users, id, null);
            if (user != null && tags.size() == 1 && !force) {
                throw new ConflictException("conflict: unable to remove repository reference \"" + text
                        + "\" (must force) - " + user.describe()
                        + " is using its referenced image " + id.shortId());
            }
            untag(Reference.parse(text).withDefaultTag().familiarString(), id, items);
            if (!index.tagsOf(id).isEmpty()) {
                return items;
            }
            return deleteImage(image, force, users, true, items);
        }
        if (tags.size() == 1) {
            Conflict c = conflict(id, users, true, !force, false);
            if (c != null) {
                throw c.exception();
            }
            untag(tags.get(0), id, items);
        }
        return deleteImage(image, force, users, false, items);
    }

    private List<DeleteItem> deleteImage(ImageRecord image, boolean force, List<ImageUser> users, boolean quiet,
                                         List<DeleteItem> items) {
        Digest id = image.id();
        Conflict c = conflict(id, users, true, !force, !force);
        if (c != null) {
            if (quiet && (c.used() || c.children())) {
                return items;
            }
            throw c.exception();
        }
        for (String t : index.tagsOf(id)) {
            untag(t, id, items);
        }
        index.update(e -> e.removeImage(id));
        events.deleted(id);
        items.add(DeleteItem.deleted(id.toString()));
        layers.releaseImage(image, items);
        return items;
    }

    private Conflict conflict(Digest id, List<ImageUser> users, boolean hard, boolean soft, boolean tagged) {
        if (hard && index.images().stream().anyMatch(r -> id.equals(r.parent()))) {
            return new Conflict(id, true, false, DEPENDENT_CHILDREN);
        }
        ImageUser running = firstUser(users, id, true);
        if (hard && running != null) {
            return new Conflict(id, true, true, "image is being used by running "
                    + running.describe().replace("a container", "container"));
        }
        if (tagged && !index.tagsOf(id).isEmpty()) {
            return new Conflict(id, false, false, "image is referenced in multiple repositories");
        }
        ImageUser stopped = firstUser(users, id, false);
        if (soft && stopped != null) {
            return new Conflict(id, false, true, "image is being used by stopped "
                    + stopped.describe().replace("a container", "container"));
        }
        return null;
    }

    private static ImageUser firstUser(List<ImageUser> users, Digest id, Boolean running) {
        for (ImageUser u : users) {
            if (u.imageId().equals(id) && (running == null || u.running() == running)) {
                return u;
            }
        }
        return null;
    }

    private void untag(String ref, Digest id, List<DeleteItem> items) {
        index.update(e -> e.removeTag(ref));
        events.untagged(id);
        items.add(DeleteItem.untagged(ref));
    }
}
