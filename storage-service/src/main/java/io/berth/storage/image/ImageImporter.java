package io.berth.storage.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Turns a root filesystem tar into a stored, not yet indexed one-layer image, as dockerd 20.10's
 * {@code ImportImage} (moby daemon/images/image_import.go): the tar (plain or gzip) is the layer, stored as
 * a blob under its diff ID and unpacked (with the same checks as a loaded layer); the config is
 * {@code {"comment", "created", "docker_version", "config", "architecture", "os", "rootfs", "history"}} with
 * the {@code --change} instructions applied to an empty container config and one history entry carrying
 * the comment. All or nothing: a failure removes what this import created.
 */
@Singleton
final class ImageImporter {
    /** The Docker version berth's configs name (the API version berth answers as). */
    static final String DOCKER_VERSION = "20.10.0";

    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final LayerUnpacker unpacker;
    private final Clock clock;

    @Inject
    ImageImporter(ContentStore content, Snapshotter snapshotter, LayerUnpacker unpacker, Clock clock) {
        this.content = content;
        this.snapshotter = snapshotter;
        this.unpacker = unpacker;
        this.clock = clock;
    }

    /**
     * @param tar the uploaded root filesystem tar
     * @param o the options
     * @return the stored image with the tag it asked for (none if {@code repo} is empty); the caller indexes
     *     it or calls {@link PendingImage#rollback}
     * @throws InvalidArgumentException for a bad change, platform, reference or tar
     */
    PendingImage importTar(Path tar, ImportOptions o) {
        List<Reference> tags = tags(o);
        String[] platform = platform(o.platform());
        ObjectNode config = emptyContainerConfig();
        ConfigChanges.apply(config, o.changes());
        LoadJournal journal = new LoadJournal();
        try {
            Digest diffId;
            try (InputStream in = Files.newInputStream(tar)) {
                diffId = unpacker.storeUncompressed(in, "the imported tar", journal);
            } catch (IOException e) {
                throw new InvalidArgumentException("cannot read the imported tar: " + e.getMessage(), e);
            }
            long size = unpacker.unpack(diffId, null, diffId, journal);
            String created = DockerTime.rfc3339Nano(clock.instant());
            String comment = o.message().isEmpty() ? "Imported from " + o.source() : o.message();
            ObjectNode image = Json.MAPPER.createObjectNode();
            image.put("comment", comment);
            image.put("created", created);
            image.put("docker_version", DOCKER_VERSION);
            image.set("config", config);
            image.put("architecture", platform[1]);
            if (!platform[2].isEmpty()) {
                image.put("variant", platform[2]);
            }
            image.put("os", platform[0]);
            ObjectNode rootfs = image.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids").add(diffId.toString());
            ObjectNode history = image.putArray("history").addObject();
            history.put("created", created);
            history.put("comment", comment);
            byte[] blob = Json.MAPPER.writeValueAsBytes(image);
            Digest id = Digest.sha256(blob);
            if (!content.exists(id)) {
                content.put(blob);
                journal.blobCreated(id);
            }
            return new PendingImage(new ImageRecord(id, List.of(diffId), size, 0), tags, ImageConfig.parse(blob),
                    journal, content, snapshotter);
        } catch (JsonProcessingException e) {
            journal.rollback(content, snapshotter);
            throw new InternalException("cannot write the image config: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            journal.rollback(content, snapshotter);
            throw e;
        }
    }

    private static List<Reference> tags(ImportOptions o) {
        if (o.repo().isEmpty()) {
            return List.of();
        }
        Reference r = Reference.parse(o.repo());
        if (r.digest() != null) {
            throw new InvalidArgumentException("cannot import digest reference");
        }
        if (!o.tag().isEmpty()) {
            r = Reference.parse(r.familiarName() + ":" + o.tag());
        }
        return List.of(r.withDefaultTag());
    }

    /**
     * dockerd's platform check: only linux images run here.
     *
     * @return {os, architecture, variant}
     */
    static String[] platform(String text) {
        String[] out = {"linux", hostArchitecture(), ""};
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidArgumentException("\"" + text + "\": unknown operating system or architecture: "
                    + "invalid argument");
        }
        if (!parts[0].equals("linux")) {
            throw new InvalidArgumentException("operating system is not supported");
        }
        if (parts.length > 1) {
            out[1] = parts[1].equals("x86_64") || parts[1].equals("x86-64") ? "amd64"
                    : parts[1].equals("aarch64") ? "arm64" : parts[1];
        }
        if (parts.length > 2) {
            out[2] = parts[2];
        }
        return out;
    }

    /** @return Go's GOARCH for this JVM's {@code os.arch} */
    static String hostArchitecture() {
        String a = System.getProperty("os.arch", "amd64");
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> a;
        };
    }

    /**
     * The container config {@code BuildFromConfig} starts an import from: Go's zero {@code container.Config}
     * as encoding/json writes it (omitempty fields left out).
     */
    static ObjectNode emptyContainerConfig() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("Hostname", "");
        c.put("Domainname", "");
        c.put("User", "");
        c.put("AttachStdin", false);
        c.put("AttachStdout", false);
        c.put("AttachStderr", false);
        c.put("Tty", false);
        c.put("OpenStdin", false);
        c.put("StdinOnce", false);
        c.putNull("Env");
        c.putNull("Cmd");
        c.put("Image", "");
        c.putNull("Volumes");
        c.put("WorkingDir", "");
        c.putNull("Entrypoint");
        c.putNull("OnBuild");
        c.putNull("Labels");
        return c;
    }
}
