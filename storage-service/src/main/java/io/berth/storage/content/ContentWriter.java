package io.berth.storage.content;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes one blob into an ingest file while computing its sha256. {@link #commit} checks the digest and
 * renames the ingest file to {@code blobs/sha256/<hex>}; {@link #close()} without a commit deletes the
 * ingest file, so an aborted write leaves nothing behind.
 */
public final class ContentWriter extends OutputStream {
    private final LocalContentStore store;
    private final Path ingest;
    private final OutputStream out;
    private final MessageDigest sha256 = Digest.newSha256();
    private long size;
    private boolean done;

    ContentWriter(LocalContentStore store, Path ingest) throws IOException {
        this.store = store;
        this.ingest = ingest;
        this.out = Files.newOutputStream(ingest);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        size += len;
    }

    /** @return the number of bytes written so far */
    public long size() {
        return size;
    }

    /**
     * Finishes the blob: verifies its digest and makes it visible. If the blob already exists the new copy
     * is dropped (same digest, same bytes).
     *
     * @param expected the digest the content must have, or {@code null} to accept any
     * @return the digest of the written content
     * @throws InvalidArgumentException if the content's digest differs from {@code expected} (the ingest
     *     file is deleted)
     * @throws UncheckedIOException if the file cannot be synced or renamed
     */
    public Digest commit(Digest expected) {
        if (done) {
            throw new IllegalStateException("writer already committed or closed");
        }
        Digest actual = Digest.fromMessageDigest(sha256.digest());
        try {
            out.flush();
            out.close();
            if (expected != null && !expected.equals(actual)) {
                throw new InvalidArgumentException("content digest mismatch: expected " + expected + ", got "
                        + actual + " (" + size + " bytes)");
            }
            Path blob = store.path(actual);
            if (!Files.exists(blob)) {
                try (FileChannel ch = FileChannel.open(ingest, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.createDirectories(blob.getParent());
                AtomicFiles.moveAtomically(ingest, blob);
            }
            return actual;
        } catch (IOException e) {
            throw new InternalException("cannot commit blob " + actual + ": " + e.getMessage(), e);
        } finally {
            done = true;
            deleteIngest();
        }
    }

    /** Discards the ingest file unless the blob was committed. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted below anyway
            }
            deleteIngest();
        }
    }

    private void deleteIngest() {
        try {
            Files.deleteIfExists(ingest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
