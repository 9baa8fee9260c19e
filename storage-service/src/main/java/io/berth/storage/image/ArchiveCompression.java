package io.berth.storage.image;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Compressed image archives: {@code docker load} takes a tar compressed with gzip, bzip2 or xz as well as a
 * plain one (dockerd 20.10 image/tarexport load.go, archive.DecompressStream), recognised by their magic bytes.
 * The archive is read with random access, so a compressed upload is first decompressed to a temp file.
 * gzip and bzip2 are supported; xz and zstd are refused with a clear message.
 */
final class ArchiveCompression {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    private ArchiveCompression() {
    }

    /**
     * @param file the uploaded archive
     * @param tmpDir where a decompressed copy goes
     * @return {@code file} itself if it is not compressed, else a new temp file the caller deletes
     * @throws InvalidArgumentException if the compressed data is corrupt or truncated (nothing is left behind)
     * @throws NotImplementedException for xz and zstd
     * @throws InternalException if the temp file cannot be written
     */
    static Path decompressed(Path file, Path tmpDir) {
        byte[] head = head(file);
        if (startsWith(head, XZ) || startsWith(head, ZSTD)) {
            throw new NotImplementedException("berth cannot load " + (startsWith(head, XZ) ? "xz" : "zstd")
                    + "-compressed image archives yet: decompress it first, or use gzip");
        }
        boolean gzip = startsWith(head, GZIP);
        if (!gzip && !startsWith(head, BZIP2)) {
            return file;
        }
        Path out = tmpDir.resolve("load-" + UUID.randomUUID() + ".tar");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             OutputStream w = Files.newOutputStream(out)) {
            copy(gzip ? GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get()
                    : new BZip2CompressorInputStream(raw, true), w, gzip ? "gzip" : "bzip2");
            return out;
        } catch (IOException e) {
            deleteQuietly(out);
            String why = e instanceof java.io.EOFException || e.getMessage() == null ? "it is truncated"
                    : e.getMessage();
            throw new InvalidArgumentException("invalid image archive: cannot decompress it ("
                    + (gzip ? "gzip" : "bzip2") + "): " + why, e);
        } catch (RuntimeException e) {
            deleteQuietly(out);
            throw e;
        }
    }

    /** Copies; read errors (corrupt data) are IOExceptions, write errors (disk full) InternalExceptions. */
    private static void copy(InputStream in, OutputStream out, String format) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            try {
                out.write(buf, 0, n);
            } catch (IOException e) {
                throw new InternalException("cannot write the decompressed " + format + " archive: "
                        + e.getMessage(), e);
            }
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(6);
        } catch (IOException e) {
            throw new InternalException("cannot read the uploaded archive: " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in tmp/ is removed at the next start
        }
    }
}
