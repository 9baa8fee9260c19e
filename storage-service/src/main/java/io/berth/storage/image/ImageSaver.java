package io.berth.storage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.GoJson;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker save}: writes a docker-archive in dockerd 20.10's layout (moby image/tarexport save.go, the
 * legacy layout API 1.41 clients get), entry for entry and byte for byte as dockerd writes it for the same
 * images and tags:
 * <ul>
 *   <li>per layer a directory {@code <v1-id>/} with {@code VERSION} ({@code 1.0}), {@code json} (the legacy
 *       v1 image JSON) and {@code layer.tar} (the uncompressed layer, the blob named by its diff ID); a layer
 *       already written (the same diff ID) is a symbolic link {@code ../<first-v1-id>/layer.tar}. The v1 ID is
 *       moby's {@code v1.CreateID}: the SHA-256 of the v1 JSON without {@code id}, plus {@code layer_id} (the
 *       chain ID) and {@code parent} (the v1 ID below, as a digest), keys sorted. Lower layers' v1 JSON is
 *       {@code {"created":"1970-01-01T00:00:00Z","container_config":<zero>}} ({@code os} is added after the
 *       ID); the top layer's is the image's V1Image fields from the config;</li>
 *   <li>the config as {@code <image-id-hex>.json};</li>
 *   <li>{@code manifest.json}: {@code [{"Config","RepoTags","Layers"[,"Parent"]}]}, RepoTags null for an image
 *       saved by ID; {@code repositories}: {@code {"name":{"tag":"<top v1-id>"}}} when any tag is saved;
 *       both end with a newline (Go's json.Encoder) and have mtime 0.</li>
 * </ul>
 * Entries come in lexical order of their paths (dockerd tars a temp directory with filepath.Walk); layer
 * directories, their files and the config have the image's creation time as mtime. Names are resolved as
 * moby's {@code parseNames}: an ID or ID prefix saves no tags, a name without tag saves all its tags, a
 * {@code name:tag} that one tag; a name given twice is saved once.
 */
@Singleton
public final class ImageSaver {
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private final ImageIndex index;
    private final ContentStore content;
    private final Clock clock;

    @Inject
    ImageSaver(ImageIndex index, ContentStore content, Clock clock) {
        this.index = index;
        this.content = content;
        this.clock = clock;
    }

    /** An image to save with the tags it is saved under (familiar form), in the order the names gave them. */
    public record Selected(ImageRecord image, List<String> tags) {
    }

    /**
     * Resolves the names (all before any byte is written).
     *
     * @param names names as {@code docker save} takes them
     * @return the images, in the order of first mention
     * @throws io.berth.common.errors.NotFoundException "No such image: x"
     * @throws InvalidArgumentException for no names or a malformed one
     */
    List<Selected> select(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidArgumentException("no image names given to save");
        }
        Map<Digest, Selected> out = new LinkedHashMap<>();
        for (String name : names) {
            ImageRecord byAny = null;
            List<String> tags = new ArrayList<>();
            boolean isId = Digest.isHex64(name) || Digest.isDigest(name);
            Reference ref = isId ? null : Reference.parse(name);
            if (ref != null && ref.digest() == null && ref.tag() == null) {
                for (ImageRecord r : index.images()) {
                    for (String t : index.tagsOf(r.id())) {
                        if (!t.contains("@") && Reference.parse(t).familiarName().equals(ref.familiarName())) {
                            add(out, r, t);
                            byAny = r;
                        }
                    }
                }
                if (byAny != null) {
                    continue;
                }
            }
            ImageRecord r = ImageResolver.resolve(index, name);
            if (ref != null && ref.digest() == null && !ImageResolver.isIdPrefix(r.id(), name)) {
                tags.add(ref.withDefaultTag().familiarString());
            }
            add(out, r, tags.isEmpty() ? null : tags.get(0));
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<Digest, Selected> out, ImageRecord r, String tag) {
        Selected s = out.computeIfAbsent(r.id(), k -> new Selected(r, new ArrayList<>()));
        if (tag != null && !s.tags().contains(tag)) {
            s.tags().add(tag);
        }
    }

    /**
     * Writes the archive.
     *
     * @param images what {@link #select} chose
     * @param out where the tar goes (not closed)
     * @param saved called with each image once its layers and config are written
     * @throws InternalException for an image without layers (dockerd's "empty export - not implemented") or
     *     a missing layer blob
     * @throws IOException if {@code out} fails
     */
    void write(List<Selected> images, OutputStream out, java.util.function.Consumer<ImageRecord> saved)
            throws IOException {
        TreeMap<String, Entry> entries = new TreeMap<>();
        Map<Digest, String> layerPaths = new HashMap<>();
        ArrayNode manifest = Json.MAPPER.createArrayNode();
        TreeMap<String, TreeMap<String, String>> repositories = new TreeMap<>();
        long now = clock.instant().getEpochSecond();
        for (Selected s : images) {
            ImageRecord img = s.image();
            if (img.diffIds().isEmpty()) {
                throw new InternalException("empty export - not implemented");
            }
            byte[] rawConfig = content.read(img.id());
            ObjectNode config = (ObjectNode) Json.parse(rawConfig);
            long created = createdSeconds(config);
            List<Digest> chain = img.chainIds();
            List<String> layers = new ArrayList<>();
            String parentV1 = null;
            for (int i = 0; i < chain.size(); i++) {
                boolean top = i == chain.size() - 1;
                ObjectNode v1 = top ? topV1(config) : lowerV1();
                String v1Id = v1Id(v1, chain.get(i), parentV1);
                ObjectNode json = Json.MAPPER.createObjectNode();
                json.put("id", v1Id);
                if (parentV1 != null) {
                    json.put("parent", parentV1);
                }
                json.setAll(v1);
                if (!top && config.hasNonNull("os") && !config.get("os").asText().isEmpty()) {
                    json.set("os", config.get("os"));
                }
                Digest diffId = img.diffIds().get(i);
                String dir = v1Id + "/";
                if (!entries.containsKey(dir)) {
                    String first = layerPaths.get(diffId);
                    long mtime = first == null ? created : now;
                    entries.put(dir, Entry.dir(mtime));
                    entries.put(dir + "VERSION", Entry.bytes("1.0".getBytes(StandardCharsets.US_ASCII), mtime));
                    entries.put(dir + "json", Entry.bytes(GoJson.bytes(json), mtime));
                    if (first != null) {
                        entries.put(dir + "layer.tar", Entry.link("../" + first, now));
                    } else {
                        if (!content.exists(diffId)) {
                            throw new InternalException("layer " + diffId + " of image " + img.id()
                                    + " has no stored tar");
                        }
                        entries.put(dir + "layer.tar", Entry.blob(diffId, content.size(diffId), created));
                        layerPaths.put(diffId, dir + "layer.tar");
                    }
                }
                layers.add(dir + "layer.tar");
                parentV1 = v1Id;
            }
            entries.put(img.id().hex() + ".json", Entry.bytes(rawConfig, created));
            ObjectNode item = manifest.addObject();
            item.put("Config", img.id().hex() + ".json");
            if (s.tags().isEmpty()) {
                item.putNull("RepoTags");
            } else {
                ArrayNode tags = item.putArray("RepoTags");
                for (String t : s.tags()) {
                    tags.add(t);
                    Reference r = Reference.parse(t);
                    repositories.computeIfAbsent(r.familiarName(), k -> new TreeMap<>()).put(r.tag(), parentV1);
                }
            }
            ArrayNode l = item.putArray("Layers");
            layers.forEach(l::add);
        }
        for (int i = 0; i < images.size(); i++) {
            Digest parent = images.get(i).image().parent();
            if (parent != null && images.stream().anyMatch(s -> s.image().id().equals(parent))) {
                ((ObjectNode) manifest.get(i)).put("Parent", parent.toString());
            }
        }
        entries.put("manifest.json", Entry.bytes(line(manifest), 0));
        if (!repositories.isEmpty()) {
            entries.put("repositories", Entry.bytes(line(Json.MAPPER.valueToTree(repositories)), 0));
        }
        GoTarWriter tar = new GoTarWriter(out);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            e.getValue().write(tar, e.getKey(), content);
        }
        tar.finish();
        images.forEach(s -> saved.accept(s.image()));
    }

    /** moby's {@code image.V1Image} of the config, without id and parent, in Go's field order. */
    private static ObjectNode topV1(ObjectNode config) {
        ObjectNode v1 = Json.MAPPER.createObjectNode();
        copyNonEmpty(config, v1, "comment");
        v1.set("created", config.hasNonNull("created") ? config.get("created")
                : Json.MAPPER.getNodeFactory().textNode(DockerTime.ZERO));
        copyNonEmpty(config, v1, "container");
        v1.set("container_config", config.get("container_config") instanceof ObjectNode cc ? cc
                : ImageImporter.emptyContainerConfig());
        copyNonEmpty(config, v1, "docker_version");
        copyNonEmpty(config, v1, "author");
        copyNonEmpty(config, v1, "config");
        copyNonEmpty(config, v1, "architecture");
        copyNonEmpty(config, v1, "variant");
        copyNonEmpty(config, v1, "os");
        copyNonEmpty(config, v1, "Size");
        return v1;
    }

    /** @return the v1 JSON of a layer below the top one (before its ID and os are added) */
    static ObjectNode lowerV1() {
        ObjectNode v1 = Json.MAPPER.createObjectNode();
        v1.put("created", EPOCH);
        v1.set("container_config", ImageImporter.emptyContainerConfig());
        return v1;
    }

    /** moby image/v1 {@code CreateID}: sha256 of the JSON with layer_id and parent, keys sorted. */
    static String v1Id(ObjectNode v1, Digest chainId, String parentV1) {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        v1.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.put("layer_id", Json.MAPPER.getNodeFactory().textNode(chainId.toString()));
        if (parentV1 != null) {
            sorted.put("parent", Json.MAPPER.getNodeFactory().textNode(Digest.SHA256 + ":" + parentV1));
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        sorted.forEach(o::set);
        return Digest.sha256(GoJson.bytes(o)).hex();
    }

    private static void copyNonEmpty(ObjectNode from, ObjectNode to, String key) {
        JsonNode v = from.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty()) || (v.isNumber() && v.asLong() == 0)) {
            return;
        }
        to.set(key, v);
    }

    private static long createdSeconds(ObjectNode config) {
        try {
            return config.hasNonNull("created") ? DockerTime.parse(config.get("created").asText()).getEpochSecond() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static byte[] line(JsonNode n) {
        byte[] b = GoJson.bytes(n);
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = '\n';
        return out;
    }

    /** One archive entry, written when the sorted list is complete. */
    private record Entry(char type, byte[] data, Digest blob, long size, String link, long mtime) {
        static Entry dir(long mtime) {
            return new Entry('5', null, null, 0, null, mtime);
        }

        static Entry bytes(byte[] data, long mtime) {
            return new Entry('0', data, null, data.length, null, mtime);
        }

        static Entry blob(Digest blob, long size, long mtime) {
            return new Entry('0', null, blob, size, null, mtime);
        }

        static Entry link(String target, long mtime) {
            return new Entry('2', null, null, 0, target, mtime);
        }

        void write(GoTarWriter tar, String name, ContentStore content) throws IOException {
            switch (type) {
                case '5' -> tar.directory(name, mtime);
                case '2' -> tar.symlink(name, link, mtime);
                default -> {
                    if (data != null) {
                        tar.file(name, data, mtime);
                    } else {
                        try (InputStream in = content.open(blob)) {
                            tar.file(name, in, size, mtime);
                        }
                    }
                }
            }
        }
    }
}
