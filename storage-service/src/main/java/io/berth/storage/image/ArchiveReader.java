package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.SecureJoin;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the files of an image archive (a tar on disk: docker-archive or OCI image layout),
 * without extracting it. Names are cleaned and must stay inside the archive: a name or link target with
 * {@code ..} above the top is refused. Symbolic and hard links inside the archive are followed (newer
 * {@code docker save} links legacy layer paths to {@code blobs/sha256/...}), at most 16 hops.
 */
public final class ArchiveReader implements Closeable {
    private static final int MAX_HOPS = 16;

    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private ArchiveReader(TarFile tar) {
        this.tar = tar;
        for (TarArchiveEntry e : tar.getEntries()) {
            List<String> parts;
            try {
                parts = SecureJoin.clean(e.getName());
            } catch (InvalidArgumentException escape) {
                continue; // never addressable: lookups refuse escaping names too
            }
            entries.put(String.join("/", parts), e);
        }
    }

    /**
     * Indexes an archive file.
     *
     * @param file the tar
     * @return the reader; close it
     * @throws InvalidArgumentException if the file is not a readable tar
     */
    public static ArchiveReader open(Path file) {
        try {
            return new ArchiveReader(new TarFile(file));
        } catch (IOException | RuntimeException e) {
            throw new InvalidArgumentException("invalid image archive: " + e.getMessage(), e);
        }
    }

    /**
     * @param name a path inside the archive
     * @return true if a regular file (possibly through links) exists there
     */
    public boolean has(String name) {
        try {
            return resolve(name).isFile();
        } catch (InvalidArgumentException e) {
            return false;
        }
    }

    /**
     * Opens a file of the archive.
     *
     * @param name a path inside the archive, e.g. {@code "manifest.json"}, {@code "abc/layer.tar"}
     * @return its content; the caller closes it
     * @throws InvalidArgumentException if the name escapes the archive, does not exist or is not a file
     */
    public InputStream open(String name) {
        TarArchiveEntry e = resolve(name);
        try {
            return tar.getInputStream(e);
        } catch (IOException ex) {
            throw new InvalidArgumentException("cannot read " + name + " from the archive: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a small file of the archive into memory.
     *
     * @param name a path inside the archive
     * @param maxBytes refuse larger files
     * @return the bytes
     * @throws InvalidArgumentException if missing, escaping, too large or unreadable
     */
    public byte[] read(String name, long maxBytes) {
        TarArchiveEntry e = resolve(name);
        if (e.getSize() > maxBytes) {
            throw new InvalidArgumentException(name + " in the archive is too large (" + e.getSize() + " bytes)");
        }
        try (InputStream in = tar.getInputStream(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new InvalidArgumentException("cannot read " + name + " from the archive: " + ex.getMessage(), ex);
        }
    }

    private TarArchiveEntry resolve(String name) {
        String current = normalize(name, name);
        for (int hop = 0; hop <= MAX_HOPS; hop++) {
            TarArchiveEntry e = entries.get(current);
            if (e == null) {
                throw new InvalidArgumentException("file " + name + " not found in the archive");
            }
            if (e.isSymbolicLink()) {
                String target = e.getLinkName();
                String dir = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
                current = normalize(target.startsWith("/") ? target : dir + "/" + target, name);
            } else if (e.isLink()) {
                current = normalize(e.getLinkName(), name);
            } else if (e.isFile()) {
                return e;
            } else {
                throw new InvalidArgumentException(name + " in the archive is not a regular file");
            }
        }
        throw new InvalidArgumentException(name + " in the archive: too many levels of links");
    }

    private static String normalize(String path, String asked) {
        try {
            return String.join("/", SecureJoin.clean(path));
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("path \"" + asked + "\" escapes the image archive", e);
        }
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new InternalException("cannot close image archive: " + e.getMessage(), e);
        }
    }
}
