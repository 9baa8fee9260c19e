package io.berth.storage.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the tar that Go's {@code archive/tar} writes for plain directories, files and symbolic links with
 * short names (USTAR format; what dockerd's {@code docker save} produces through moby's
 * {@code pkg/archive}): octal fields of the field's width with leading zeros and one NUL, the checksum as six
 * digits, NUL and space, magic {@code ustar\0} version {@code 00}, owner 0:0 named {@code root}, device
 * numbers {@code 0000000}, and two zero blocks at the end with no further padding. Only names up to 100
 * bytes are supported (docker-archive names are at most 75).
 */
final class GoTarWriter {
    private static final int BLOCK = 512;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    /** @param out where the tar goes (not closed) */
    GoTarWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * @param name the directory's name, with its trailing slash
     * @param mtimeSeconds mtime, unix seconds
     */
    void directory(String name, long mtimeSeconds) throws IOException {
        header(name, 040755, 0, mtimeSeconds, '5', "");
    }

    /**
     * @param name the file's name
     * @param data its bytes
     * @param mtimeSeconds mtime, unix seconds
     */
    void file(String name, byte[] data, long mtimeSeconds) throws IOException {
        header(name, 0100644, data.length, mtimeSeconds, '0', "");
        out.write(data);
        pad(data.length);
    }

    /**
     * @param name the file's name
     * @param data its content, exactly {@code size} bytes
     * @param size its size in bytes
     * @param mtimeSeconds mtime, unix seconds
     * @throws IOException if {@code data} is shorter than {@code size} or {@code out} fails
     */
    void file(String name, InputStream data, long size, long mtimeSeconds) throws IOException {
        header(name, 0100644, size, mtimeSeconds, '0', "");
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(name + " ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        pad(size);
    }

    /**
     * @param name the link's name
     * @param target its target
     * @param mtimeSeconds mtime, unix seconds
     */
    void symlink(String name, String target, long mtimeSeconds) throws IOException {
        header(name, 0120777, 0, mtimeSeconds, '2', target);
    }

    /** Writes the two zero blocks that end the archive. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void header(String name, int mode, long size, long mtime, char type, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar\0");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[154] = 0;
        out.write(h);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > len) {
            throw new IllegalArgumentException("tar field too long: " + s);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** Go's {@code formatOctal}: leading zeros, room for one NUL. */
    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("tar number too large: " + value);
        }
        put(h, off, len, "0".repeat(len - 1 - s.length()) + s);
    }
}
