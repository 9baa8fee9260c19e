package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.storage.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An image archive being uploaded in chunks (LoadImage streams it): the bytes go to a temp file under
 * {@code <data-root>/storage/tmp/}, which {@link #load()} loads and {@link #close()} always deletes.
 */
public final class ArchiveUpload implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ArchiveUpload.class);

    private final ImageStore store;
    private final Path file;
    private final OutputStream out;
    private long size;

    ArchiveUpload(ImageStore store, Path file) throws IOException {
        this.store = store;
        this.file = file;
        this.out = Files.newOutputStream(file);
    }

    /**
     * Appends bytes of the archive.
     *
     * @param chunk the next bytes
     * @param off offset in {@code chunk}
     * @param len number of bytes
     * @throws InternalException if the temp file cannot be written (e.g. disk full)
     */
    public void write(byte[] chunk, int off, int len) {
        try {
            out.write(chunk, off, len);
            size += len;
        } catch (IOException e) {
            throw new InternalException("cannot store the uploaded archive: " + e.getMessage(), e);
        }
    }

    /** @return the number of bytes received so far */
    public long size() {
        return size;
    }

    /**
     * Ends the upload and loads the archive (see {@link ImageStore#load(java.io.InputStream)}).
     *
     * @return what was loaded
     * @throws io.berth.common.errors.InvalidArgumentException if the archive is malformed or hostile
     */
    public LoadResult load() {
        finishUpload();
        return store.loadFile(file);
    }

    /**
     * Ends the upload and imports it as a root filesystem tar (see {@link ImageStore#importFile}).
     *
     * @param options docker import's options
     * @return the new image's ID
     * @throws io.berth.common.errors.InvalidArgumentException for a bad tar or option
     */
    public Digest importAs(ImportOptions options) {
        finishUpload();
        return store.importFile(file, options);
    }

    private void finishUpload() {
        try {
            out.close();
        } catch (IOException e) {
            throw new InternalException("cannot store the uploaded archive: " + e.getMessage(), e);
        }
        LOG.debug("uploaded archive {} ({} bytes)", file, size);
    }

    /** Deletes the temp file. */
    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete upload {}: {}", file, e.toString());
        }
    }
}
