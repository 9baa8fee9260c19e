package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.registry.Descriptor;
import io.berth.storage.registry.Manifests;
import io.berth.storage.registry.ProgressLine;
import io.berth.storage.registry.RegistryClients;
import io.berth.storage.registry.RegistryCredentials;
import io.berth.storage.registry.RegistrySession;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code docker push} (Docker Engine API v1.41 POST /images/{name}/push; moby distribution/push_v2.go): for
 * each tag, each layer (top first, as dockerd lists them) is skipped when the target repository has a known
 * compressed blob of it ({@code HEAD}: "Layer already exists"), mounted from another repository of the same
 * registry that has it ("Mounted from x"), or gzip-compressed (deterministically: the same layer gives the
 * same bytes) into a temp file and uploaded ("Pushing" with progress, "Pushed"): blobs up to
 * {@value #MONOLITHIC_MAX} bytes in one {@code PUT}, larger ones in {@code PATCH} chunks of that size then a
 * closing {@code PUT}. Then the config blob and a Docker image manifest v2 schema 2 under the tag; the last
 * lines are {@code <tag>: digest: sha256:... size: N} and the aux {@code {"Tag","Digest","Size"}}. The manifest
 * digest becomes a RepoDigest of the image; event "push".
 */
@Singleton
public final class ImagePusher {
    private static final Logger LOG = LogManager.getLogger(ImagePusher.class);
    /** Largest blob uploaded in one request; also the chunk size of larger ones. */
    static final int MONOLITHIC_MAX = 512 * 1024;

    private final ContentStore content;
    private final ImageIndex index;
    private final ImageStore store;
    private final RegistryClients registries;
    private final DistributionMetadata metadata;
    private final ImageEvents events;
    private final StorageLayout layout;

    /**
     * @param content the blobs
     * @param index the image index
     * @param store serialises the RepoDigest update
     * @param registries makes registry sessions
     * @param metadata known compressed blobs of layers
     * @param events publishes "push"
     * @param layout where temp files go
     */
    @Inject
    ImagePusher(ContentStore content, ImageIndex index, ImageStore store, RegistryClients registries,
                DistributionMetadata metadata, ImageEvents events, StorageLayout layout) {
        this.content = content;
        this.index = index;
        this.store = store;
        this.registries = registries;
        this.metadata = metadata;
        this.events = events;
        this.layout = layout;
    }

    /**
     * Pushes one tag, or every tag of a repository.
     *
     * @param name the repository, e.g. {@code 127.0.0.1:5000/x} (a tag in it is used when {@code tag} is empty)
     * @param tag the tag, or empty for all of the repository's tags
     * @param credentials for the registry
     * @param out receives the progress lines
     * @throws NotFoundException "An image does not exist locally with the tag: x"
     * @throws InvalidArgumentException for a malformed name
     */
    public void push(String name, String tag, RegistryCredentials credentials, Consumer<ProgressLine> out) {
        Reference repo = Reference.parse(name);
        if (repo.digest() != null) {
            throw new InvalidArgumentException("cannot push a digest reference");
        }
        String wanted = !tag.isEmpty() ? tag : repo.tag();
        String familiar = repo.familiarName();
        List<String> tags = new ArrayList<>();
        if (wanted != null) {
            if (index.tag(familiar + ":" + wanted).isPresent()) {
                tags.add(wanted);
            }
        } else {
            for (ImageRecord r : index.images()) {
                for (String t : index.tagsOf(r.id())) {
                    if (t.startsWith(familiar + ":") && t.indexOf('/', familiar.length()) < 0) {
                        tags.add(t.substring(familiar.length() + 1));
                    }
                }
            }
            tags.sort(null);
        }
        if (tags.isEmpty()) {
            throw new NotFoundException("An image does not exist locally with the tag: " + familiar);
        }
        out.accept(ProgressLine.of("", "The push refers to repository [" + repo.name() + "]"));
        RegistrySession session = registries.session(repo.domain(), repo.path(), credentials, true);
        for (String t : tags) {
            Digest id = index.tag(familiar + ":" + t).orElseThrow(() ->
                    new NotFoundException("An image does not exist locally with the tag: " + familiar));
            pushTag(session, repo, t, id, out);
        }
    }

    private void pushTag(RegistrySession session, Reference repo, String tag, Digest id, Consumer<ProgressLine> out) {
        ImageRecord image = index.image(id).orElseThrow(() -> new NotFoundException("No such image: " + id));
        byte[] config = content.read(id);
        List<Digest> diffIds = image.diffIds();
        for (int i = diffIds.size() - 1; i >= 0; i--) {
            out.accept(ProgressLine.done(diffIds.get(i).shortId(), "Preparing"));
        }
        Descriptor[] layers = new Descriptor[diffIds.size()];
        for (int i = diffIds.size() - 1; i >= 0; i--) {
            layers[i] = pushLayer(session, repo, diffIds.get(i), out);
        }
        if (!session.blobExists(id)) {
            Path tmp = tempFile("config");
            try {
                Files.write(tmp, config);
                upload(session, tmp, id, config.length, null, null, null);
            } catch (IOException e) {
                throw new InternalException("cannot write " + tmp + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(tmp);
            }
        }
        byte[] manifest = Manifests.dockerManifest(new Descriptor(Manifests.DOCKER_CONFIG, id, config.length, null,
                null), Arrays.asList(layers));
        session.putManifest(tag, manifest, Manifests.DOCKER_MANIFEST);
        Digest digest = Digest.sha256(manifest);
        store.locked(() -> {
            index.update(edit -> edit.setDigest(repo.familiarName(), digest, id));
            return null;
        });
        out.accept(ProgressLine.of("", tag + ": digest: " + digest + " size: " + manifest.length));
        out.accept(new ProgressLine("", "", true, 0, 0, tag, digest.toString(), manifest.length));
        LOG.info("pushed {}:{} ({}) as {}", repo.familiarName(), tag, id, digest);
        events.pushed(repo.familiarName() + ":" + tag, ImageConfigParser.labels(ImageConfigParser.parse(config)));
    }

    private Descriptor pushLayer(RegistrySession session, Reference repo, Digest diffId, Consumer<ProgressLine> out) {
        String shortId = diffId.shortId();
        String here = repo.name();
        List<DistributionMetadata.Blob> known = metadata.blobs(diffId);
        for (DistributionMetadata.Blob b : known) {
            if (session.blobExists(b.digest())) {
                metadata.add(diffId, b.digest(), b.size(), here);
                out.accept(ProgressLine.done(shortId, "Layer already exists"));
                return layerDescriptor(b.digest(), b.size());
            }
        }
        URI pending = null;
        for (DistributionMetadata.Blob b : known) {
            for (String from : b.repositories()) {
                if (!from.startsWith(repo.domain() + "/") || from.equals(here) || pending != null) {
                    continue;
                }
                String fromPath = from.substring(repo.domain().length() + 1);
                URI loc = session.startUpload(b.digest(), fromPath);
                if (loc == null) {
                    metadata.add(diffId, b.digest(), b.size(), here);
                    out.accept(ProgressLine.done(shortId, "Mounted from " + fromPath));
                    return layerDescriptor(b.digest(), b.size());
                }
                pending = loc;
            }
        }
        Path tmp = tempFile("layer");
        try {
            MessageDigest sha = Digest.newSha256();
            try (InputStream tar = content.open(diffId);
                 OutputStream gz = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), sha), 64 * 1024)) {
                tar.transferTo(gz);
            }
            Digest digest = Digest.fromMessageDigest(sha.digest());
            long size = Files.size(tmp);
            if (session.blobExists(digest)) {
                out.accept(ProgressLine.done(shortId, "Layer already exists"));
            } else {
                upload(session, tmp, digest, size, pending, shortId, out);
                out.accept(ProgressLine.done(shortId, "Pushed"));
            }
            metadata.add(diffId, digest, size, here);
            return layerDescriptor(digest, size);
        } catch (IOException e) {
            throw new InternalException("cannot compress layer " + diffId + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static Descriptor layerDescriptor(Digest digest, long size) {
        return new Descriptor(Manifests.DOCKER_LAYER_GZIP, digest, size, null, null);
    }

    /** Monolithic PUT up to {@link #MONOLITHIC_MAX} bytes, else PATCH chunks and a closing PUT. */
    private static void upload(RegistrySession session, Path file, Digest digest, long size, URI pending,
                               String shortId, Consumer<ProgressLine> out) throws IOException {
        URI location = pending != null ? pending : session.startUpload(null, null);
        if (size <= MONOLITHIC_MAX) {
            session.finishUpload(location, digest, file);
            if (out != null) {
                out.accept(ProgressLine.progress(shortId, "Pushing", size, size));
            }
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            long offset = 0;
            byte[] chunk;
            while ((chunk = in.readNBytes(MONOLITHIC_MAX)).length > 0) {
                location = session.uploadChunk(location, chunk, offset);
                offset += chunk.length;
                if (out != null) {
                    out.accept(ProgressLine.progress(shortId, "Pushing", offset, size));
                }
            }
        }
        session.finishUpload(location, digest, null);
    }

    private Path tempFile(String what) {
        try {
            Files.createDirectories(layout.tmp());
        } catch (IOException e) {
            throw new InternalException("cannot create " + layout.tmp() + ": " + e.getMessage(), e);
        }
        return layout.tmp().resolve("push-" + what + "-" + UUID.randomUUID());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
