package io.berth.storage.content;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A content-addressed blob store (containerd's content.Store, reduced to what berth needs): blobs are
 * immutable and named by the sha256 digest of their bytes. Image configs and uncompressed layer tars are
 * kept here (layers by diff ID).
 *
 * <p>Writes go through a {@link ContentWriter}: the bytes land in an ingest file and become a blob only in
 * {@link ContentWriter#commit}, after their digest matched the expected one, so a blob is never visible
 * half-written or with the wrong content.
 */
public interface ContentStore {
    /**
     * @param digest the blob's digest
     * @return true if the blob is stored
     */
    boolean exists(Digest digest);

    /**
     * Opens a stored blob for reading.
     *
     * @param digest the blob's digest
     * @return a stream over the blob's bytes; the caller closes it
     * @throws io.berth.common.errors.NotFoundException if the blob is not stored
     */
    InputStream open(Digest digest);

    /**
     * Reads a whole blob into memory (for small blobs such as configs).
     *
     * @param digest the blob's digest
     * @return the blob's bytes
     * @throws io.berth.common.errors.NotFoundException if the blob is not stored
     */
    byte[] read(Digest digest);

    /**
     * @param digest the blob's digest
     * @return the blob's size in bytes
     * @throws io.berth.common.errors.NotFoundException if the blob is not stored
     */
    long size(Digest digest);

    /**
     * Starts writing a new blob.
     *
     * @return a writer; commit it or close it (closing without commit discards the bytes)
     */
    ContentWriter writer();

    /**
     * Stores {@code data} as a blob (a no-op if it is already stored).
     *
     * @param data the blob's bytes
     * @return the digest of {@code data}
     */
    Digest put(byte[] data);

    /**
     * Deletes a blob.
     *
     * @param digest the blob's digest
     * @return true if it existed
     */
    boolean delete(Digest digest);

    /**
     * Lists the stored blobs (for garbage collection; a blob being written is not listed).
     *
     * @return the digests of every committed blob, in no particular order
     * @throws io.berth.common.errors.InternalException if the store cannot be read
     */
    List<Digest> list();

    /**
     * @param digest the blob's digest
     * @return where the blob is (or would be) stored: {@code <root>/blobs/sha256/<hex>}
     */
    Path path(Digest digest);
}
