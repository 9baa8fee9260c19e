package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Image and tag metadata in one JSON file, {@code <data-root>/storage/images/index.json}, rewritten
 * atomically on every change, so an image and its tags always appear (or vanish) together:
 * <pre>{"images": {"sha256:...": {"id": "sha256:...", "diffIds": [...], "sizeBytes": 2129920, ...}},
 *  "tags": {"fixture/busybox:1": "sha256:..."}}</pre>
 * Tags are keyed by their familiar form ({@link Reference#familiarString()}). Not thread-safe: the
 * {@link ImageStore} serialises access.
 */
public final class ImageIndex {

    /** The persisted state. */
    record State(Map<String, ImageRecord> images, Map<String, String> tags) {
    }

    /** A mutable copy of the state, handed to {@link #update}. */
    public static final class Edit {
        private final Map<String, ImageRecord> images;
        private final Map<String, String> tags;

        Edit(State s) {
            images = new TreeMap<>(s.images());
            tags = new TreeMap<>(s.tags());
        }

        /** @param image image to add or replace */
        public void putImage(ImageRecord image) {
            images.put(image.id().toString(), image);
        }

        /** @param id image to drop (its tags are not touched) */
        public void removeImage(Digest id) {
            images.remove(id.toString());
        }

        /**
         * @param ref familiar reference
         * @param id image it points at
         * @return the image the tag pointed at before, or {@code null}
         */
        public Digest setTag(String ref, Digest id) {
            String old = tags.put(ref, id.toString());
            return old == null ? null : Digest.parse(old);
        }

        /** @param ref familiar reference to drop */
        public void removeTag(String ref) {
            tags.remove(ref);
        }
    }

    private final Path file;
    private volatile State state;

    private ImageIndex(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    /**
     * Loads the index, or starts an empty one.
     *
     * @param file the index file
     * @return the index
     * @throws InternalException if the file exists but cannot be read
     */
    public static ImageIndex open(Path file) {
        if (!Files.exists(file)) {
            return new ImageIndex(file, new State(Map.of(), Map.of()));
        }
        try {
            State s = Json.MAPPER.readValue(file.toFile(), State.class);
            return new ImageIndex(file, new State(Map.copyOf(s.images()), Map.copyOf(s.tags())));
        } catch (IOException e) {
            throw new InternalException("cannot read image index " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param id image ID
     * @return the image, if stored
     */
    public Optional<ImageRecord> image(Digest id) {
        return Optional.ofNullable(state.images().get(id.toString()));
    }

    /** @return every stored image */
    public Collection<ImageRecord> images() {
        return state.images().values();
    }

    /**
     * @param ref familiar reference with tag, e.g. {@code busybox:latest}
     * @return the image ID it points at, if any
     */
    public Optional<Digest> tag(String ref) {
        return Optional.ofNullable(state.tags().get(ref)).map(Digest::parse);
    }

    /**
     * @param id image ID
     * @return the familiar references pointing at the image, sorted
     */
    public List<String> tagsOf(Digest id) {
        List<String> out = new ArrayList<>();
        String key = id.toString();
        state.tags().forEach((ref, target) -> {
            if (target.equals(key)) {
                out.add(ref);
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * Applies changes and writes the file; the new state becomes visible only once it is on disk.
     *
     * @param changes mutations of a copy of the state
     * @throws InternalException if the file cannot be written (the index is then unchanged)
     */
    public void update(Consumer<Edit> changes) {
        Edit e = new Edit(state);
        changes.accept(e);
        State next = new State(Map.copyOf(e.images), Map.copyOf(e.tags));
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new State(e.images, e.tags)));
        } catch (IOException ex) {
            throw new InternalException("cannot write image index " + file + ": " + ex.getMessage(), ex);
        }
        state = next;
    }
}
