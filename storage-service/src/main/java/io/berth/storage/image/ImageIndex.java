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
 *  "tags": {"fixture/busybox:1": "sha256:..."},
 *  "digests": {"127.0.0.1:5000/x@sha256:<manifest digest>": "sha256:<image ID>"}}</pre>
 * Tags are keyed by their familiar form ({@link Reference#familiarString()}); digests (Docker's RepoDigests,
 * set by pull and push) by {@code <familiar name>@<manifest digest>}. An index written before digests existed
 * has no {@code digests} key and reads as none. Not thread-safe: the
 * {@link ImageStore} serialises access.
 */
public final class ImageIndex {

    /** The persisted state. */
    record State(Map<String, ImageRecord> images, Map<String, String> tags, Map<String, String> digests) {
        State {
            digests = digests == null ? Map.of() : digests;
        }
    }

    /** A mutable copy of the state, handed to {@link #update}. */
    public static final class Edit {
        private final Map<String, ImageRecord> images;
        private final Map<String, String> tags;
        private final Map<String, String> digests;

        Edit(State s) {
            images = new TreeMap<>(s.images());
            tags = new TreeMap<>(s.tags());
            digests = new TreeMap<>(s.digests());
        }

        /**
         * Records a RepoDigest; one per repository and image (a newer manifest digest replaces the older).
         *
         * @param name familiar repository name, e.g. {@code 127.0.0.1:5000/x}
         * @param manifest the manifest (or index) digest
         * @param id the image
         */
        public void setDigest(String name, Digest manifest, Digest id) {
            String key = id.toString();
            digests.entrySet().removeIf(e -> e.getValue().equals(key) && e.getKey().startsWith(name + "@"));
            digests.put(name + "@" + manifest, key);
        }

        /** @param image image to add or replace */
        public void putImage(ImageRecord image) {
            images.put(image.id().toString(), image);
        }

        /** @param id image to drop with its digests (its tags are not touched) */
        public void removeImage(Digest id) {
            images.remove(id.toString());
            digests.values().removeIf(id.toString()::equals);
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
            return new ImageIndex(file, new State(Map.of(), Map.of(), Map.of()));
        }
        try {
            State s = Json.MAPPER.readValue(file.toFile(), State.class);
            return new ImageIndex(file, new State(Map.copyOf(s.images()), Map.copyOf(s.tags()),
                    Map.copyOf(s.digests())));
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
     * @param id image ID
     * @return its RepoDigests ({@code name@sha256:...}), sorted
     */
    public List<String> digestsOf(Digest id) {
        List<String> out = new ArrayList<>();
        String key = id.toString();
        state.digests().forEach((ref, target) -> {
            if (target.equals(key)) {
                out.add(ref);
            }
        });
        out.sort(null);
        return out;
    }

    /**
     * @param ref {@code <familiar name>@sha256:<manifest digest>}
     * @return the image it names, if any
     */
    public Optional<Digest> digest(String ref) {
        return Optional.ofNullable(state.digests().get(ref)).map(Digest::parse);
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
        State next = new State(Map.copyOf(e.images), Map.copyOf(e.tags), Map.copyOf(e.digests));
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new State(e.images, e.tags, e.digests)));
        } catch (IOException ex) {
            throw new InternalException("cannot write image index " + file + ": " + ex.getMessage(), ex);
        }
        state = next;
    }
}
