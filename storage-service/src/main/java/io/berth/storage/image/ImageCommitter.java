package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.image.ImageConfig;
import io.berth.common.json.GoJson;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes a stored, not yet indexed image from a container's writable layer, as dockerd 20.10's
 * {@code CommitImage} (moby daemon/images/image_commit.go and image.NewChildImage): the layer tar of the
 * container snapshot's changes ({@link Snapshotter#diff}) is stored as a blob under its diff ID and unpacked
 * on the parent image's top layer (an empty diff, the 1024 zero bytes of an empty tar, adds no layer and
 * its history entry is {@code empty_layer}); the config is the parent's with {@code config} from
 * {@link CommitConfig}, {@code container_config} the container's config, {@code container} its ID,
 * {@code author}, {@code created} now, {@code docker_version}, the parent's architecture/variant/os
 * features and history plus the new entry ({@code created_by}: the container's Cmd joined by spaces,
 * {@code comment}). Top-level keys are sorted, as moby's {@code Image.MarshalJSON} writes them through a
 * map. All or nothing: a failure removes what this commit created.
 */
@Singleton
final class ImageCommitter {
    /** The diff ID of an empty layer tar (two zero blocks; moby layer.DigestSHA256EmptyTar). */
    static final Digest EMPTY_TAR = new Digest("5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

    private final StorageLayout layout;
    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final LayerUnpacker unpacker;
    private final ImageIndex index;
    private final Clock clock;

    @Inject
    ImageCommitter(StorageLayout layout, ContentStore content, Snapshotter snapshotter, LayerUnpacker unpacker,
                   ImageIndex index, Clock clock) {
        this.layout = layout;
        this.content = content;
        this.snapshotter = snapshotter;
        this.unpacker = unpacker;
        this.index = index;
        this.clock = clock;
    }

    /** A committed image ready to be indexed; {@link #rollback} removes it. */
    final class Committed {
        final ImageRecord image;
        final List<Reference> tags;
        final ImageConfig config;
        private final LoadJournal journal;

        Committed(ImageRecord image, List<Reference> tags, ImageConfig config, LoadJournal journal) {
            this.image = image;
            this.tags = tags;
            this.config = config;
            this.journal = journal;
        }

        void rollback() {
            journal.rollback(content, snapshotter);
        }
    }

    /**
     * @param o what to commit
     * @return the stored image; the caller indexes it or calls {@link Committed#rollback}
     * @throws NotFoundException if the container's snapshot or its image does not exist
     * @throws InvalidArgumentException for a bad change, reference or config
     */
    Committed commit(CommitOptions o) {
        List<Reference> tags = tags(o.reference());
        ImageRecord parent = parentOf(o.imageId());
        ObjectNode parentConfig = parent == null ? Json.MAPPER.createObjectNode()
                : (ObjectNode) Json.parse(content.read(parent.id()));
        ObjectNode containerConfig = o.containerConfigJson().length == 0 ? ImageImporter.emptyContainerConfig()
                : object(Json.parse(o.containerConfigJson()), "container config");
        JsonNode request = o.configJson().length == 0 ? null : Json.parse(o.configJson());
        if (request != null && !request.isNull() && !request.isObject()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + request.getNodeType().toString().toLowerCase()
                    + " into Go value of type container.Config");
        }
        ObjectNode config = CommitConfig.build(request, o.changes(), containerConfig);
        Instant now = clock.instant();
        LoadJournal journal = new LoadJournal();
        try {
            Digest diffId = storeDiff(o.containerId(), now, journal);
            boolean empty = diffId.equals(EMPTY_TAR);
            List<Digest> diffIds = new ArrayList<>(parent == null ? List.of() : parent.diffIds());
            long size = parent == null ? 0 : parent.sizeBytes();
            if (!empty) {
                Digest below = diffIds.isEmpty() ? null : ChainIds.of(diffIds).get(diffIds.size() - 1);
                diffIds.add(diffId);
                size += unpacker.unpack(ChainIds.next(below, diffId), below, diffId, journal);
            }
            String created = DockerTime.rfc3339Nano(now);
            byte[] blob = configBlob(parentConfig, config, containerConfig, o, created, diffIds, empty);
            Digest id = Digest.sha256(blob);
            if (!content.exists(id)) {
                content.put(blob);
                journal.blobCreated(id);
            }
            return new Committed(new ImageRecord(id, diffIds, size, 0, parent == null ? null : parent.id()), tags,
                    ImageConfig.parse(blob), journal);
        } catch (RuntimeException e) {
            journal.rollback(content, snapshotter);
            throw e;
        }
    }

    private Digest storeDiff(String containerId, Instant now, LoadJournal journal) {
        Path tmp = layout.tmp().resolve("commit-" + UUID.randomUUID() + ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                snapshotter.diff(containerId, out, now);
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                return unpacker.storeUncompressed(in, "the container's layer", journal);
            }
        } catch (IOException e) {
            throw new InternalException("cannot write the layer of container " + containerId + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next start's recovery empties tmp/
            }
        }
    }

    private byte[] configBlob(ObjectNode parent, ObjectNode config, ObjectNode containerConfig, CommitOptions o,
                              String created, List<Digest> diffIds, boolean empty) {
        TreeMap<String, JsonNode> top = new TreeMap<>();
        top.put("architecture", parent.hasNonNull("architecture") && !parent.get("architecture").asText().isEmpty()
                ? parent.get("architecture") : Json.MAPPER.getNodeFactory().textNode(ImageImporter.hostArchitecture()));
        for (String k : List.of("variant", "os.version", "os.features")) {
            JsonNode v = parent.get(k);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty()) && !(v.isArray() && v.isEmpty())) {
                top.put(k, v);
            }
        }
        if (!o.author().isEmpty()) {
            top.put("author", text(o.author()));
        }
        if (!o.comment().isEmpty()) {
            top.put("comment", text(o.comment()));
        }
        top.put("config", config);
        top.put("container", text(o.containerId()));
        top.put("container_config", CommitConfig.ordered(containerConfig));
        top.put("created", text(created));
        top.put("docker_version", text(ImageImporter.DOCKER_VERSION));
        ArrayNode history = Json.MAPPER.createArrayNode();
        if (parent.get("history") instanceof ArrayNode h) {
            history.addAll(h);
        }
        ObjectNode entry = history.addObject();
        entry.put("created", created);
        if (!o.author().isEmpty()) {
            entry.put("author", o.author());
        }
        entry.put("created_by", createdBy(containerConfig));
        if (!o.comment().isEmpty()) {
            entry.put("comment", o.comment());
        }
        if (empty) {
            entry.put("empty_layer", true);
        }
        top.put("history", history);
        top.put("os", text("linux"));
        ObjectNode rootfs = Json.MAPPER.createObjectNode();
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(d -> ids.add(d.toString()));
        top.put("rootfs", rootfs);
        ObjectNode out = Json.MAPPER.createObjectNode();
        top.forEach(out::set);
        return GoJson.bytes(out);
    }

    /** moby's {@code strings.Join(child.ContainerConfig.Cmd, " ")}. */
    private static String createdBy(ObjectNode containerConfig) {
        StringBuilder sb = new StringBuilder();
        if (containerConfig.get("Cmd") instanceof ArrayNode cmd) {
            for (Iterator<JsonNode> it = cmd.elements(); it.hasNext(); ) {
                sb.append(it.next().asText()).append(it.hasNext() ? " " : "");
            }
        }
        return sb.toString();
    }

    private ImageRecord parentOf(String imageId) {
        if (imageId.isEmpty()) {
            return null;
        }
        Digest id = Digest.isHex64(imageId) ? new Digest(imageId) : Digest.parse(imageId);
        return index.image(id).orElseThrow(() -> new NotFoundException("No such image: " + imageId));
    }

    private static List<Reference> tags(String reference) {
        if (reference.isEmpty()) {
            return List.of();
        }
        Reference r = Reference.parse(reference);
        if (r.digest() != null) {
            throw new InvalidArgumentException("cannot commit to digest reference");
        }
        return List.of(r.withDefaultTag());
    }

    private static ObjectNode object(JsonNode n, String what) {
        if (!(n instanceof ObjectNode o)) {
            throw new InvalidArgumentException(what + " is not a JSON object");
        }
        return o;
    }

    private static JsonNode text(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s);
    }
}
