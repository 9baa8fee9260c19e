package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.ContentStore;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.StorageDriver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The image store: images are config blobs (image ID = digest of the config, Docker image spec v1.2),
 * their layers are blobs named by diff ID and committed snapshots named by chain ID in the storage driver,
 * and tags map familiar references to image IDs ({@link ImageIndex}). Backs berth.storage.v1 Images.
 *
 * <p>Mutations (load, tag, delete, snapshot removal) are serialised; reads see the last committed index.
 * The work is done by its collaborators: {@link ImageLoader} (archive to stored images), {@link ImageDeleter}
 * (Docker's delete rules), {@link LayerCollector} (layers nothing uses any more), {@link ImageEvents}. What an
 * interrupted load or delete left behind is removed by {@link StoreRecovery}, which must run once before the
 * store is used (it also creates the store's directories).
 */
@Singleton
public final class ImageStore {
    private final StorageLayout layout;
    private final ContentStore content;
    private final StorageDriver driver;
    private final ImageIndex index;
    private final ImageEvents events;
    private final ImageLoader loader;
    private final ImageImporter importer;
    private final ImageDeleter deleter;
    private final LayerCollector layers;
    private final ImageCommitter committer;
    private final ImageHistory history;
    private final ImagePruner pruner;
    private final ImageSaver saver;
    private final Clock clock;
    private final Object lock = new Object();

    /**
     * @param layout where the store lives
     * @param content the content store
     * @param driver the storage driver holding the layers
     * @param index the image and tag metadata
     * @param loader turns archives into stored images
     * @param importer turns root filesystem tars into images
     * @param deleter Docker's image delete
     * @param layers removes layers nothing uses any more
     * @param events where image events go
     * @param clock source of tag times
     * @param committer makes images from container layers
     * @param history reads image histories
     * @param pruner removes unused images
     * @param saver writes docker-archives
     */
    @Inject
    ImageStore(StorageLayout layout, ContentStore content, StorageDriver driver, ImageIndex index,
               ImageLoader loader, ImageImporter importer, ImageDeleter deleter, LayerCollector layers, ImageEvents events, Clock clock,
               ImageCommitter committer, ImageHistory history, ImagePruner pruner, ImageSaver saver) {
        this.pruner = pruner;
        this.saver = saver;
        this.committer = committer;
        this.history = history;
        this.layout = layout;
        this.content = content;
        this.driver = driver;
        this.index = index;
        this.loader = loader;
        this.importer = importer;
        this.deleter = deleter;
        this.layers = layers;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts an upload of an archive to load.
     *
     * @return the upload; close it when done (it deletes its temp file)
     * @throws InternalException if the temp file cannot be created
     */
    public ArchiveUpload beginLoad() {
        try {
            return new ArchiveUpload(this, layout.tmp().resolve("load-" + UUID.randomUUID() + ".tar"));
        } catch (IOException e) {
            throw new InternalException("cannot create an upload file: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a docker-archive ({@code docker save}) or OCI image layout archive (Docker Engine API v1.41
     * POST /images/load), plain or compressed with gzip or bzip2 ({@link ArchiveCompression}). All or nothing: on any failure no tag, snapshot, blob or temp file remains.
     * A tag that pointed at another image moves to the loaded one (Docker's "renaming the old one").
     *
     * @param archive the archive bytes
     * @return progress lines and the loaded references
     * @throws InvalidArgumentException if the archive is malformed or hostile
     */
    public LoadResult load(InputStream archive) {
        try (ArchiveUpload upload = beginLoad()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = archive.read(buf)) > 0) {
                upload.write(buf, 0, n);
            }
            return upload.load();
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read the archive: " + e.getMessage(), e);
        }
    }

    LoadResult loadFile(Path file) {
        Path tar = ArchiveCompression.decompressed(file, layout.tmp());
        try {
            return loadTar(tar);
        } finally {
            if (!tar.equals(file)) {
                ArchiveCompression.deleteQuietly(tar);
            }
        }
    }

    private LoadResult loadTar(Path file) {
        List<String> lines = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        List<Runnable> published = new ArrayList<>();
        synchronized (lock) {
            ImageLoader.PendingLoad pending = loader.load(file);
            try {
                index.update(edit -> {
                    for (ImageLoader.Loaded l : pending.images()) {
                        index(edit, l, lines, loaded, published);
                    }
                });
            } catch (RuntimeException e) {
                pending.rollback();
                throw e;
            }
        }
        published.forEach(Runnable::run);
        return new LoadResult(lines, loaded);
    }

    /**
     * Imports an uploaded root filesystem tar as a one-layer image (Docker Engine API v1.41 POST
     * /images/create?fromSrc=; see {@link ImageImporter}) and tags it as asked; a tag that pointed at
     * another image moves. Publishes "import" (and "tag" for the tag, as dockerd). All or nothing.
     *
     * @param file the tar (plain or gzip)
     * @param options repo, tag, message, changes, platform
     * @return the new image's ID
     * @throws InvalidArgumentException for a bad change, platform, reference or tar
     */
    Digest importFile(Path file, ImportOptions options) {
        ImageImporter.Imported imported;
        synchronized (lock) {
            imported = importer.importTar(file, options);
            Digest id = imported.image.id();
            try {
                long tagTime = imported.tags.isEmpty() ? 0 : clock.millis();
                index.update(edit -> {
                    edit.putImage(imported.image.withLastTagTime(tagTime));
                    for (Reference r : imported.tags) {
                        edit.setTag(r.familiarString(), id);
                    }
                });
            } catch (RuntimeException e) {
                imported.rollback();
                throw e;
            }
        }
        Digest id = imported.image.id();
        Map<String, String> labels = ImageConfigParser.labels(imported.config);
        // dockerd's ImportImage tags first (TagImageWithReference logs "tag"), then logs "import".
        for (Reference r : imported.tags) {
            events.tagged(id, r.familiarString(), labels);
        }
        events.imported(id, labels);
        return id;
    }

    /**
     * Commits a container's writable layer as a new image (Docker Engine API v1.41 POST /commit; see
     * {@link ImageCommitter}) and tags it as asked; a tag that pointed at another image moves. Publishes
     * "tag" (when tagged) and then the container event "commit", in dockerd's order. All or nothing.
     *
     * @param o what to commit
     * @param containerName the container's name (without "/"), for the event
     * @param containerImage the container's Config.Image, for the event
     * @param containerLabels the container's labels, for the event
     * @return the new image's ID
     * @throws io.berth.common.errors.NotFoundException if the container's snapshot or image is gone
     * @throws InvalidArgumentException for a bad change, reference or config
     */
    public Digest commit(CommitOptions o, String containerName, String containerImage,
                         Map<String, String> containerLabels) {
        ImageCommitter.Committed committed;
        synchronized (lock) {
            committed = committer.commit(o);
            try {
                long tagTime = committed.tags.isEmpty() ? 0 : clock.millis();
                index.update(edit -> {
                    edit.putImage(committed.image.withLastTagTime(tagTime));
                    for (Reference r : committed.tags) {
                        edit.setTag(r.familiarString(), committed.image.id());
                    }
                });
            } catch (RuntimeException e) {
                committed.rollback();
                throw e;
            }
        }
        Digest id = committed.image.id();
        Map<String, String> labels = ImageConfigParser.labels(committed.config);
        String imageRef = "";
        for (Reference r : committed.tags) {
            events.tagged(id, r.familiarString(), labels);
            imageRef = r.familiarString();
        }
        Map<String, String> attributes = new java.util.TreeMap<>(containerLabels);
        attributes.put("comment", o.comment());
        attributes.put("imageID", id.toString());
        attributes.put("imageRef", imageRef);
        if (!containerImage.isEmpty()) {
            attributes.put("image", containerImage);
        }
        attributes.put("name", containerName);
        events.committed(o.containerId(), attributes);
        return id;
    }

    /**
     * An image's history (Docker Engine API v1.41 GET /images/{name}/history; see {@link ImageHistory}).
     *
     * @param reference any reference {@link #get} takes
     * @return the rows, newest first
     * @throws io.berth.common.errors.NotFoundException "No such image: ..."
     */
    public List<HistoryItem> history(String reference) {
        return history.of(ImageResolver.resolve(index, reference));
    }

    /**
     * Removes unused images (Docker Engine API v1.41 POST /images/prune; see {@link ImagePruner}) and
     * publishes "prune" with the bytes reclaimed.
     *
     * @param filters dangling, until, label, label!
     * @param users containers using images
     * @return the deleted items and the bytes reclaimed
     * @throws InvalidArgumentException for a bad filter
     */
    public ImagePruner.Result prune(Map<String, List<String>> filters, List<ImageUser> users) {
        ImagePruner.Result r;
        synchronized (lock) {
            r = pruner.prune(filters, users);
        }
        events.pruned(r.reclaimedBytes());
        return r;
    }

    /**
     * Resolves the names of a {@code docker save} (Docker Engine API v1.41 GET /images/get; see
     * {@link ImageSaver}) before anything is written.
     *
     * @param names names, IDs or ID prefixes
     * @return the images to save
     * @throws io.berth.common.errors.NotFoundException "No such image: x"
     */
    public List<ImageSaver.Selected> selectForSave(List<String> names) {
        return saver.select(names);
    }

    /**
     * Writes the docker-archive of the selected images and publishes "save" for each one. The layers are
     * read from their blobs, which a concurrent delete may remove: such a save fails (the client's tar ends
     * early), as a dockerd save of an image being removed does.
     *
     * @param images what {@link #selectForSave} chose
     * @param out where the tar goes (not closed)
     * @throws IOException if {@code out} fails or a blob cannot be read
     */
    public void save(List<ImageSaver.Selected> images, java.io.OutputStream out) throws IOException {
        saver.write(images, out, r -> events.saved(r.id(), ImageConfigParser.labels(configOf(r))));
    }

    private void index(ImageIndex.Edit edit, ImageLoader.Loaded l, List<String> lines, List<String> loaded,
                       List<Runnable> published) {
        Digest id = l.image().id();
        long tagTime = l.tags().isEmpty() ? index.image(id).map(ImageRecord::lastTagTimeMillis).orElse(0L)
                : clock.millis();
        edit.putImage(l.image().withLastTagTime(tagTime));
        Map<String, String> labels = ImageConfigParser.labels(l.config());
        for (Reference r : l.tags()) {
            String ref = r.familiarString();
            Digest old = edit.setTag(ref, id);
            if (old != null && !old.equals(id)) {
                // dockerd 20.10 (image/tarexport setLoadedTag) only says so; it publishes no untag event.
                lines.add("The image " + ref + " already exists, renaming the old one with ID " + old
                        + " to empty string\n");
            }
            lines.add("Loaded image: " + ref + "\n");
            loaded.add(ref);
        }
        if (l.tags().isEmpty()) {
            lines.add("Loaded image ID: " + id + "\n");
            loaded.add(id.toString());
        }
        // One load event per image, named by its ID, as dockerd's LogImageEvent(imgID, imgID, "load").
        published.add(() -> events.loaded(id, labels));
    }

    /**
     * Resolves a reference (Docker Engine API v1.41 GET /images/{name}/json).
     *
     * @param reference name[:tag], full or short image ID, {@code sha256:<hex>}
     * @return the image
     * @throws io.berth.common.errors.NotFoundException "No such image: &lt;ref&gt;"
     * @throws InvalidArgumentException if the reference is malformed
     */
    public ImageInfo get(String reference) {
        return info(ImageResolver.resolve(index, reference));
    }

    /**
     * Lists images (Docker Engine API v1.41 GET /images/json), newest first.
     *
     * @param filters Docker filters: reference, dangling, label, before, since
     * @return the matching images
     * @throws InvalidArgumentException for unknown filters or malformed values
     */
    public List<ImageInfo> list(Map<String, List<String>> filters) {
        return list(filters, false);
    }

    /**
     * Lists images (Docker Engine API v1.41 GET /images/json), newest first, with Docker's SharedSize when
     * asked ({@code shared-size=1}): the sizes of an image's layers (chain IDs) that another stored image
     * has too, each layer's size the unpacked size recorded when it was unpacked.
     *
     * @param filters Docker filters: reference, dangling, label, before, since
     * @param sharedSize compute SharedSize (else -1)
     * @return the matching images
     * @throws InvalidArgumentException for unknown filters or malformed values
     */
    public List<ImageInfo> list(Map<String, List<String>> filters, boolean sharedSize) {
        ImageFilter filter = new ImageFilter(filters, ref -> get(ref).created());
        List<ImageInfo> out = new ArrayList<>();
        List<ImageRecord> shownRecords = new ArrayList<>();
        for (ImageRecord r : index.images()) {
            ImageInfo shown = filter.apply(info(r));
            if (shown != null) {
                out.add(shown);
                shownRecords.add(r);
            }
        }
        if (sharedSize) {
            // moby daemon/images/images.go (withExtraAttrs): references counted over the listed images
            Map<Digest, Integer> layerRefs = new java.util.HashMap<>();
            shownRecords.forEach(r -> r.chainIds().forEach(c -> layerRefs.merge(c, 1, Integer::sum)));
            for (int i = 0; i < out.size(); i++) {
                out.set(i, out.get(i).withSharedSize(sharedBytes(shownRecords.get(i), layerRefs)));
            }
        }
        out.sort(Comparator.comparing((ImageInfo i) -> i.created() == null ? Instant.EPOCH : i.created())
                .reversed());
        return out;
    }

    /**
     * Tags an image (Docker Engine API v1.41 POST /images/{name}/tag); an existing tag moves.
     *
     * @param source any reference {@link #get} takes
     * @param target {@code repo[:tag]}, tag defaulting to "latest"
     * @throws io.berth.common.errors.NotFoundException if the source does not exist
     * @throws InvalidArgumentException if the target is malformed or has a digest
     */
    public void tag(String source, String target) {
        Reference ref = Reference.parse(target);
        if (ref.digest() != null) {
            throw new InvalidArgumentException("refusing to create a tag with a digest reference");
        }
        if (ref.familiarName().equals(Digest.SHA256)) {
            throw new InvalidArgumentException("refusing to create an ambiguous tag using digest algorithm as name");
        }
        String familiar = ref.withDefaultTag().familiarString();
        ImageRecord image;
        synchronized (lock) {
            image = ImageResolver.resolve(index, source);
            long now = clock.millis();
            index.update(e -> {
                e.setTag(familiar, image.id());
                e.putImage(image.withLastTagTime(now));
            });
        }
        events.tagged(image.id(), familiar, ImageConfigParser.labels(configOf(image)));
    }

    /**
     * Removes a tag or an image (Docker Engine API v1.41 DELETE /images/{name}); see {@link ImageDeleter}.
     *
     * @param reference a reference, ID or ID prefix
     * @param force Docker's force
     * @param users containers using images
     * @return Docker's answer items
     * @throws io.berth.common.errors.NotFoundException "No such image: ..."
     * @throws io.berth.common.errors.ConflictException with dockerd's conflict messages
     */
    public List<DeleteItem> delete(String reference, boolean force, List<ImageUser> users) {
        synchronized (lock) {
            return deleter.delete(reference, force, users);
        }
    }

    /**
     * Removes a snapshot (berth.storage.v1 Snapshots.Remove; the engine removes a container's root filesystem
     * this way), then the layer snapshots below it that only it kept: committed layers that no image uses any
     * more (the image was force-deleted while the container existed) and that have no other children
     * ({@link LayerCollector#releaseUnusedParents}). dockerd's layer store releases such layers the same way
     * when the container's read-write layer goes.
     *
     * @param key the snapshot key
     * @throws io.berth.common.errors.NotFoundException if it does not exist
     * @throws io.berth.common.errors.ConflictException if it has children
     */
    public void removeSnapshot(String key) {
        synchronized (lock) {
            String parent = driver.stat(key).parent();
            driver.remove(key);
            layers.releaseUnusedParents(parent);
        }
    }

    /**
     * Runs {@code work} with the store's mutations serialised (a pull's unpack and index update).
     *
     * @param work the mutation
     * @param <T> its result
     * @return what {@code work} returned
     */
    <T> T locked(java.util.function.Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    /** @return the driver, image count and data root for Docker's GET /info */
    public StorageInfo storageInfo() {
        return new StorageInfo(driver.name(), driver.status(), index.images().size(),
                layout.dataRoot().toString());
    }

    private long sharedBytes(ImageRecord r, Map<Digest, Integer> layerUsers) {
        long shared = 0;
        for (Digest c : r.chainIds()) {
            if (layerUsers.getOrDefault(c, 0) > 1 && driver.exists(c.toString())) {
                String size = driver.stat(c.toString()).labels().get(LayerUnpacker.SIZE_LABEL);
                shared += size != null ? Long.parseLong(size) : driver.usage(c.toString()).sizeBytes();
            }
        }
        return shared;
    }

    private ImageInfo info(ImageRecord r) {
        byte[] config = content.read(r.id());
        ImageConfig parsed = ImageConfig.parse(config);
        Digest top = r.topChainId();
        Map<String, String> data = top != null && driver.exists(top.toString())
                ? driver.driverData(top.toString()) : Map.of();
        Instant tagTime = r.lastTagTimeMillis() == 0 ? null : Instant.ofEpochMilli(r.lastTagTimeMillis());
        return new ImageInfo(r.id(), index.tagsOf(r.id()), config, r.sizeBytes(), parsed.createdTime(),
                r.diffIds(), top, driver.name(), data, tagTime, ImageConfigParser.labels(parsed), index.digestsOf(r.id()),
                r.parent(), -1);
    }

    private ImageConfig configOf(ImageRecord r) {
        return ImageConfig.parse(content.read(r.id()));
    }
}
