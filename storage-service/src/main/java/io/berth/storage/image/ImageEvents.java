package io.berth.storage.image;

import io.berth.common.events.EventPublisher;
import io.berth.storage.content.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image events storage-service publishes, with dockerd's actors and attributes (daemon/images
 * LogImageEvent: Actor.Attributes = the image's labels plus {@code name}): {@code load} (one per loaded image,
 * Actor.ID = name = image ID, as dockerd 20.10's image/tarexport), {@code tag} (Actor.ID = image ID, name = the new tag), {@code untag} and
 * {@code delete} (Actor.ID = name = image ID), {@code pull} and {@code push} (Actor.ID = name = the reference).
 */
@Singleton
final class ImageEvents {
    private static final String TYPE = "image";

    private final EventPublisher publisher;

    /** @param publisher where the events go (the monitor, or nowhere) */
    @Inject
    ImageEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * @param id the loaded image
     * @param labels the image's labels
     */
    void loaded(Digest id, Map<String, String> labels) {
        publisher.publish(TYPE, "load", id.toString(), attributes(labels, id.toString()));
    }

    /**
     * dockerd's {@code LogImageEvent(id, id, "import")}.
     *
     * @param id the imported image
     * @param labels the image's labels
     */
    void imported(Digest id, Map<String, String> labels) {
        publisher.publish(TYPE, "import", id.toString(), attributes(labels, id.toString()));
    }

    /**
     * @param id the tagged image
     * @param ref the new tag (familiar form)
     * @param labels the image's labels
     */
    void tagged(Digest id, String ref, Map<String, String> labels) {
        publisher.publish(TYPE, "tag", id.toString(), attributes(labels, ref));
    }

    /**
     * dockerd's {@code LogImageEvent(ref, ref, "pull")}: Actor.ID and name are the pulled reference.
     *
     * @param ref the familiar reference pulled, e.g. {@code 127.0.0.1:5000/x:latest}
     * @param labels the image's labels
     */
    void pulled(String ref, Map<String, String> labels) {
        publisher.publish(TYPE, "pull", ref, attributes(labels, ref));
    }

    /**
     * dockerd's {@code LogImageEvent(ref, ref, "push")}: Actor.ID and name are the pushed reference.
     *
     * @param ref the familiar reference pushed, e.g. {@code 127.0.0.1:5000/x:latest}
     * @param labels the image's labels
     */
    void pushed(String ref, Map<String, String> labels) {
        publisher.publish(TYPE, "push", ref, attributes(labels, ref));
    }

    /**
     * dockerd's {@code LogContainerEventWithAttributes(container, "commit", {comment, imageID, imageRef})}:
     * a container event; the container's labels, {@code image} (its Config.Image, when set) and
     * {@code name} join the attributes.
     *
     * @param containerId the committed container
     * @param attributes comment, imageID, imageRef, the labels, image and name
     */
    void committed(String containerId, Map<String, String> attributes) {
        publisher.publish("container", "commit", containerId, attributes);
    }

    /**
     * dockerd's {@code LogImageEvent(id, id, "save")}.
     *
     * @param id the saved image
     * @param labels its labels
     */
    void saved(Digest id, Map<String, String> labels) {
        publisher.publish(TYPE, "save", id.toString(), attributes(labels, id.toString()));
    }

    /**
     * dockerd's image prune event: no actor ID, attribute {@code reclaimed} (bytes).
     *
     * @param reclaimed the bytes the prune freed
     */
    void pruned(long reclaimed) {
        publisher.publish(TYPE, "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    }

    /** @param id the image that lost a tag */
    void untagged(Digest id) {
        publisher.publish(TYPE, "untag", id.toString(), attributes(Map.of(), id.toString()));
    }

    /** @param id the deleted image */
    void deleted(Digest id) {
        publisher.publish(TYPE, "delete", id.toString(), attributes(Map.of(), id.toString()));
    }

    private static Map<String, String> attributes(Map<String, String> labels, String name) {
        Map<String, String> a = new LinkedHashMap<>(labels);
        a.put("name", name);
        return a;
    }
}
