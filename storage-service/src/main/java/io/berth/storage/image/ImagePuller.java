package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.ContentWriter;
import io.berth.storage.content.Digest;
import io.berth.storage.diff.LayerStreams;
import io.berth.storage.registry.Descriptor;
import io.berth.storage.registry.Manifests;
import io.berth.storage.registry.Platform;
import io.berth.storage.registry.ProgressInput;
import io.berth.storage.registry.ProgressLine;
import io.berth.storage.registry.RegistryClients;
import io.berth.storage.registry.RegistryCredentials;
import io.berth.storage.registry.RegistrySession;
import io.berth.storage.snapshot.Snapshotter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code docker pull} (Docker Engine API v1.41 POST /images/create?fromImage=; moby distribution/pull_v2.go
 * does the same steps): resolves the reference's manifest (an index or manifest list picks the platform's
 * entry), fetches and checks the config, downloads each layer the store lacks (by diff ID: "Already exists"
 * otherwise) while verifying the compressed digest and storing it uncompressed under its diff ID
 * ({@link ContentWriter}: an ingest file renamed only once verified), unpacks the layers, and only then
 * indexes the image with its tag and RepoDigest. A failure at any point removes what this pull added (blobs
 * that a concurrent pull also uses are kept); after a kill -9, {@link StoreRecovery} removes the leftovers
 * (ingest files, extraction snapshots, blobs and layers no image references).
 *
 * <p>Progress lines are dockerd's: {@code Pulling from <path>}, per layer {@code Pulling fs layer} or
 * {@code Already exists}, {@code Waiting}, {@code Downloading} (current/total of the compressed blob),
 * {@code Verifying Checksum}, {@code Download complete}, {@code Extracting}, {@code Pull complete}, then
 * {@code Digest: sha256:...} and {@code Status: Downloaded newer image for x} (or {@code Image is up to date}).
 */
@Singleton
public final class ImagePuller {
    private static final Logger LOG = LogManager.getLogger(ImagePuller.class);

    private final ContentStore content;
    private final Snapshotter snapshotter;
    private final LayerUnpacker unpacker;
    private final ImageStore store;
    private final ImageIndex index;
    private final ImageEvents events;
    private final RegistryClients registries;
    private final BlobFlights flights;
    private final DistributionMetadata metadata;
    private final DownloadLimit downloadLimit;
    private final Clock clock;

    /**
     * @param content where blobs go
     * @param snapshotter where layers are unpacked
     * @param unpacker unpacks layers
     * @param store serialises the unpack and index update
     * @param index the image index
     * @param events publishes "pull"
     * @param registries makes registry sessions
     * @param flights coordinates concurrent downloads of the same blob
     * @param metadata remembers each layer's compressed blob and repository (for push)
     * @param clock tag times
     */
    @Inject
    ImagePuller(ContentStore content, Snapshotter snapshotter, LayerUnpacker unpacker, ImageStore store,
                ImageIndex index, ImageEvents events, RegistryClients registries, BlobFlights flights, DistributionMetadata metadata,
                Clock clock, DownloadLimit downloadLimit) {
        this.downloadLimit = downloadLimit;
        this.content = content;
        this.snapshotter = snapshotter;
        this.unpacker = unpacker;
        this.store = store;
        this.index = index;
        this.events = events;
        this.registries = registries;
        this.flights = flights;
        this.metadata = metadata;
        this.clock = clock;
    }

    /** The image manifest a reference resolved to. */
    private record Resolved(Manifests.ImageManifest manifest, Digest digest) {
    }

    /**
     * Pulls an image. A Docker Hub reference tries each {@code registry-mirrors} entry first, in order, and the
     * next endpoint after any failure of one (moby 20.10 pull.go / pull_v2.go {@code continueOnError} for a
     * mirror endpoint); what a failed try created is rolled back before the next one.
     *
     * @param text {@code name[:tag]} or {@code name@sha256:...}
     * @param platform {@code os[/arch[/variant]]} or empty for the host's
     * @param credentials for the registry
     * @param out receives the progress lines, in order
     * @throws InvalidArgumentException bad reference, schema 1, malformed or mismatching content
     * @throws io.berth.common.errors.NotFoundException no such manifest / no manifest for the platform
     * @throws io.berth.common.errors.UnauthenticatedException the registry refused
     * @throws InternalException the registry could not be reached
     */
    public void pull(String text, String platform, RegistryCredentials credentials, Consumer<ProgressLine> out) {
        pull(text, platform, credentials, false, out);
    }

    /**
     * Pulls an image, or every tag of a repository (dockerd 20.10 for an empty tag, {@code docker pull -a}):
     * the registry's tag list, then each tag as a pull of its own ("Pulling from", layers, "Digest:"), and one
     * "Status:" line for the repository at the end ("Downloaded newer image for x" if any tag brought
     * something new, else "Image is up to date for x").
     *
     * @param text {@code name[:tag]} or {@code name@sha256:...}
     * @param platform {@code os[/arch[/variant]]} or empty for the host's
     * @param credentials for the registry
     * @param allTags pull every tag when {@code text} names neither tag nor digest
     * @param out receives the progress lines, in order
     */
    public void pull(String text, String platform, RegistryCredentials credentials, boolean allTags,
                     Consumer<ProgressLine> out) {
        Reference repo = Reference.parse(text);
        if (allTags && repo.tag() == null && repo.digest() == null) {
            RegistrySession session = registries.session(repo.domain(), repo.path(), credentials, false);
            boolean fresh = false;
            for (String tag : session.tags(repo.familiarName())) {
                Reference tagged = Reference.parse(repo.name() + ":" + tag);
                fresh |= !pullOne(tagged, platform, credentials, out, false);
            }
            out.accept(ProgressLine.of("", "Status: " + (fresh ? "Downloaded newer image for "
                    : "Image is up to date for ") + repo.familiarName()));
            return;
        }
        pullOne(repo, platform, credentials, out, true);
    }

    /** One image; @return true if it was up to date. {@code status}: write the Status line. */
    private boolean pullOne(Reference asked, String platform, RegistryCredentials credentials,
                            Consumer<ProgressLine> out, boolean status) {
        Reference ref = asked;
        if (ref.digest() == null) {
            ref = ref.withDefaultTag();
        }
        Platform wanted = Platform.parse(platform);
        String what = ref.familiarString();
        List<RegistrySession> endpoints = registries.pullSessions(ref.domain(), ref.path(), credentials);
        for (int i = 0; ; i++) {
            RegistrySession session = endpoints.get(i);
            try {
                return pullFrom(session, ref, wanted, what, out, status);
            } catch (RuntimeException e) {
                if (i == endpoints.size() - 1) {
                    throw e;
                }
                // moby pull_v2 continueOnError: any error from a mirror moves on to the next endpoint.
                LOG.info("pull of {} from mirror {} failed ({}); trying {}", what, session.base(), e.getMessage(),
                        endpoints.get(i + 1).base());
            }
        }
    }

    /**
     * One endpoint's try of {@link #pull} (a mirror or the reference's registry).
     *
     * @return true if the image was up to date; {@code status}: write the Status line
     */
    private boolean pullFrom(RegistrySession session, Reference ref, Platform wanted, String what,
                             Consumer<ProgressLine> out, boolean status) {
        Resolved resolved = resolve(session, ref, wanted, what);
        // dockerd writes this line only once the manifest is there: a missing image is an HTTP error, not a
        // stream error.
        out.accept(ProgressLine.of(ref.digest() != null ? ref.digest().toString() : ref.tag(),
                "Pulling from " + ref.path()));
        Digest configDigest = resolved.manifest().config().digest();
        // As dockerd (pull_v2 pullSchema2): an image that is already stored is not fetched again.
        byte[] config = index.image(configDigest).isPresent() && content.exists(configDigest)
                ? content.read(configDigest)
                : session.smallBlob(resolved.manifest().config(), Manifests.MAX_CONFIG_BYTES);
        ImageConfig parsed = ImageConfigParser.parse(config);
        List<Digest> diffIds = ImageConfigParser.diffIds(parsed);
        List<Descriptor> layers = resolved.manifest().layers();
        if (diffIds.size() != layers.size()) {
            throw new InvalidArgumentException("image config of " + what + " lists " + diffIds.size()
                    + " diff IDs but its manifest has " + layers.size() + " layers");
        }
        Digest id = Digest.sha256(config);
        Set<Digest> leased = new LinkedHashSet<>(diffIds);
        leased.forEach(flights::lease);
        LoadJournal journal = new LoadJournal();
        boolean upToDateResult;
        try {
            boolean fresh = fetchLayers(session, layers, diffIds, journal, out);
            Reference finalRef = ref;
            boolean upToDate = store.locked(() -> commit(finalRef, id, config, parsed, diffIds, layers,
                    resolved.digest(), journal, out)) && !fresh;
            for (int i = 0; i < layers.size(); i++) {
                metadata.add(diffIds.get(i), layers.get(i).digest(), layers.get(i).size(), ref.name());
            }
            out.accept(ProgressLine.of("", "Digest: " + resolved.digest()));
            if (status) {
                out.accept(ProgressLine.of("", "Status: " + (upToDate ? "Image is up to date for "
                        : "Downloaded newer image for ") + what));
            }
            upToDateResult = upToDate;
        } catch (RuntimeException e) {
            journal.rollback(content, snapshotter, flights::sharedWithOthers);
            throw e;
        } finally {
            leased.forEach(flights::release);
        }
        events.pulled(what, ImageConfigParser.labels(parsed));
        return upToDateResult;
    }

    private Resolved resolve(RegistrySession session, Reference ref, Platform wanted, String what) {
        String manifestRef = ref.digest() != null ? ref.digest().toString() : ref.tag();
        RegistrySession.Fetched top = session.manifest(manifestRef, what);
        Manifests.Parsed parsed = Manifests.parse(top.body(), top.contentType(), what);
        if (parsed instanceof Manifests.ImageManifest m) {
            return new Resolved(m, top.digest());
        }
        Descriptor entry = Manifests.choose((Manifests.Index) parsed, wanted);
        RegistrySession.Fetched child = session.manifest(entry.digest().toString(), what);
        if (child.body().length != entry.size()) {
            throw new InvalidArgumentException("manifest " + entry.digest() + " of " + what + " is "
                    + child.body().length + " bytes, its index says " + entry.size());
        }
        if (!(Manifests.parse(child.body(), entry.mediaType(), what) instanceof Manifests.ImageManifest m)) {
            throw new InvalidArgumentException("manifest " + entry.digest() + " of " + what
                    + " is an index inside an index, which berth does not follow");
        }
        return new Resolved(m, top.digest());
    }

    /**
     * Downloads the layers that are not stored, up to {@link DownloadLimit} at a time (dockerd's
     * max-concurrent-downloads; the ones over it are "Waiting" first, as dockerd shows them). After a failure
     * no further download starts, the running ones are waited for (so the roll-back sees every blob they
     * stored), and the first failure is thrown.
     *
     * @return true if any layer was downloaded
     */
    private boolean fetchLayers(RegistrySession session, List<Descriptor> layers, List<Digest> diffIds,
                                LoadJournal journal, Consumer<ProgressLine> progress) {
        Object lock = new Object();
        Consumer<ProgressLine> out = line -> {
            synchronized (lock) {
                progress.accept(line);
            }
        };
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String shortId = layers.get(i).digest().shortId();
            if (content.exists(diffIds.get(i))) {
                out.accept(ProgressLine.done(shortId, "Already exists"));
            } else {
                out.accept(ProgressLine.done(shortId, "Pulling fs layer"));
                missing.add(i);
            }
        }
        int parallel = Math.min(downloadLimit.current(), Math.max(1, missing.size()));
        for (int k = parallel; k < missing.size(); k++) {
            out.accept(ProgressLine.done(layers.get(missing.get(k)).digest().shortId(), "Waiting"));
        }
        if (missing.isEmpty()) {
            return false;
        }
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "pull-download");
            t.setDaemon(true);
            return t;
        });
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        try {
            for (int i : missing) {
                running.add(pool.submit(() -> {
                    if (!failed.get()) {
                        fetchLayer(session, layers.get(i), diffIds.get(i), journal, out);
                    }
                    return null;
                }));
            }
            RuntimeException first = null;
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.set(true);
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r
                                : new InternalException("pull failed: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    failed.set(true);
                    Thread.currentThread().interrupt();
                    if (first == null) {
                        first = new InternalException("pull interrupted", e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
        }
        return true;
    }

    /** Downloads one layer blob unless a concurrent pull does (then waits for it), and reports it complete. */
    private void fetchLayer(RegistrySession session, Descriptor layer, Digest diffId, LoadJournal journal,
                            Consumer<ProgressLine> out) {
        try {
            while (!content.exists(diffId)) {
                if (!flights.downloadOnce(diffId, () -> download(session, layer, diffId, journal, out))) {
                    LOG.debug("blob {} was downloaded by a concurrent pull", diffId);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("pull interrupted", e);
        }
        out.accept(ProgressLine.done(layer.digest().shortId(), "Download complete"));
    }

    private void download(RegistrySession session, Descriptor layer, Digest diffId, LoadJournal journal,
                          Consumer<ProgressLine> out) {
        String shortId = layer.digest().shortId();
        MessageDigest blobSha = Digest.newSha256();
        boolean existed = content.exists(diffId);
        try (InputStream body = session.blob(layer);
             InputStream raw = new DigestInputStream(new ProgressInput(body, n ->
                     out.accept(ProgressLine.progress(shortId, "Downloading", n, layer.size()))), blobSha);
             ContentWriter w = content.writer()) {
            try (InputStream tar = unpacker.bounded(LayerStreams.uncompressed(raw), "layer " + layer.digest())) {
                tar.transferTo(w);
                raw.transferTo(OutputStream.nullOutputStream());
            }
            out.accept(ProgressLine.done(shortId, "Verifying Checksum"));
            Digest actual = Digest.fromMessageDigest(blobSha.digest());
            if (!actual.equals(layer.digest())) {
                throw new InvalidArgumentException("filesystem layer verification failed for digest "
                        + layer.digest() + " (the registry sent content with digest " + actual + ")");
            }
            try {
                w.commit(diffId);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("layer " + layer.digest() + " does not match the diff ID "
                        + diffId + " its image config lists (" + e.getMessage() + ")", e);
            }
        } catch (IOException e) {
            throw new InvalidArgumentException("error pulling layer " + layer.digest() + ": " + e.getMessage(), e);
        }
        if (!existed) {
            journal.blobCreated(diffId);
        }
    }

    /** Unpacks, stores the config and indexes the image; @return true if the tag already named this image. */
    private boolean commit(Reference ref, Digest id, byte[] config, ImageConfig parsed, List<Digest> diffIds,
                           List<Descriptor> layers, Digest manifestDigest, LoadJournal journal,
                           Consumer<ProgressLine> out) {
        Digest chain = null;
        long size = 0;
        for (int i = 0; i < diffIds.size(); i++) {
            Digest next = ChainIds.next(chain, diffIds.get(i));
            boolean unpacked = snapshotter.exists(next.toString());
            String shortId = layers.get(i).digest().shortId();
            if (!unpacked) {
                out.accept(ProgressLine.progress(shortId, "Extracting", layers.get(i).size(), layers.get(i).size()));
            }
            size += unpacker.unpack(next, chain, diffIds.get(i), journal);
            if (!unpacked) {
                out.accept(ProgressLine.done(shortId, "Pull complete"));
            }
            chain = next;
        }
        if (!content.exists(id)) {
            content.put(config);
            journal.blobCreated(id);
        }
        String tagged = ref.tag() != null ? ref.familiarString() : null;
        boolean upToDate = index.image(id).isPresent()
                && (tagged == null || index.tag(tagged).map(id::equals).orElse(false));
        long tagTime = tagged != null && !upToDate ? clock.millis()
                : index.image(id).map(ImageRecord::lastTagTimeMillis).orElse(0L);
        ImageRecord record = new ImageRecord(id, diffIds, size, tagTime);
        index.update(edit -> {
            edit.putImage(record);
            if (tagged != null) {
                edit.setTag(tagged, id);
            }
            edit.setDigest(ref.familiarName(), manifestDigest, id);
        });
        LOG.info("pulled {} as {} (manifest {})", ref.familiarString(), id, manifestDigest);
        return upToDate;
    }
}
