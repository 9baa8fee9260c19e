package io.berth.storage.content;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A {@link ContentStore} on the local filesystem (containerd's plugins/content/local layout):
 * <pre>
 * &lt;root&gt;/blobs/sha256/&lt;hex&gt;   committed blobs, read-only once written
 * &lt;root&gt;/ingest/&lt;random&gt;       blobs being written (removed at start-up: an interrupted write is lost)
 * </pre>
 */
public final class LocalContentStore implements ContentStore {
    private static final Logger LOG = LogManager.getLogger(LocalContentStore.class);

    private final Path blobs;
    private final Path ingest;

    /**
     * Opens (creating if needed) a store and discards unfinished ingests.
     *
     * @param root the store's root directory, e.g. {@code <data-root>/storage/content}
     * @throws InternalException if the directories cannot be created
     */
    public LocalContentStore(Path root) {
        this.blobs = root.resolve("blobs").resolve(Digest.SHA256);
        this.ingest = root.resolve("ingest");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
            discardIngests();
        } catch (IOException e) {
            throw new InternalException("cannot open content store " + root + ": " + e.getMessage(), e);
        }
        LOG.debug("content store at {}", root);
    }

    /** Removes interrupted writes one by one; one that cannot be removed is logged, never fatal at start. */
    private void discardIngests() throws IOException {
        try (Stream<Path> entries = Files.list(ingest)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                try {
                    AtomicFiles.deleteTree(p);
                } catch (IOException e) {
                    LOG.warn("cannot remove interrupted ingest {}: {}", p, e.toString());
                }
            }
        }
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("content " + digest + ": not found", e);
        } catch (IOException e) {
            throw new InternalException("cannot open blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Digest digest) {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InternalException("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("content " + digest + ": not found", e);
        } catch (IOException e) {
            throw new InternalException("cannot stat blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ContentWriter writer() {
        try {
            return new ContentWriter(this, ingest.resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new InternalException("cannot start a content write: " + e.getMessage(), e);
        }
    }

    @Override
    public Digest put(byte[] data) {
        try (ContentWriter w = writer()) {
            w.write(data);
            return w.commit(null);
        } catch (IOException e) {
            throw new InternalException("cannot write blob: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(Digest digest) {
        try {
            return Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw new InternalException("cannot delete blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Digest> list() {
        List<Digest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(blobs)) {
            files.map(p -> p.getFileName().toString()).filter(Digest::isHex64)
                    .forEach(hex -> out.add(new Digest(hex)));
        } catch (IOException e) {
            throw new InternalException("cannot list blobs in " + blobs + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    /** @return the ingest directory (for tests: it must be empty when no write is in progress) */
    public Path ingestDir() {
        return ingest;
    }
}
