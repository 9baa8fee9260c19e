package io.berth.storage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars entry by entry for tests, hostile ones included (names are written verbatim). */
public final class TarBuilder {
    /** Default mtime of entries: 2023-11-14T22:13:20Z, as the fixture layers use. */
    public static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000L);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    /** Starts an empty tar (PAX headers for long names and big numbers). */
    public TarBuilder() {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** Adds a directory entry (mode bits only, owner 0:0). */
    public TarBuilder dir(String name, int mode) {
        return dir(name, mode, 0, 0, MTIME);
    }

    /** Adds a directory entry. */
    public TarBuilder dir(String name, int mode, int uid, int gid, Instant mtime) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode, uid, gid, mtime);
        return put(e, new byte[0]);
    }

    /** Adds a regular file owned by 0:0. */
    public TarBuilder file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode, 0, 0, MTIME, Map.of());
    }

    /** Adds a regular file with owner, mtime and PAX headers (e.g. SCHILY.xattr.user.x). */
    public TarBuilder file(String name, byte[] content, int mode, int uid, int gid, Instant mtime,
                           Map<String, String> pax) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode, uid, gid, mtime);
        e.setSize(content.length);
        pax.forEach(e::addPaxHeader);
        return put(e, content);
    }

    /** Adds a symbolic link. */
    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 0, 0, MTIME);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    /** Adds a hard link to {@code target} (a name in the tar). */
    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644, 0, 0, MTIME);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    /** Adds a character device node. */
    public TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry e = entry(name, TarConstants.LF_CHR, 0666, 0, 0, MTIME);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, new byte[0]);
    }

    /** Adds a block device node. */
    public TarBuilder blockDevice(String name, int major, int minor) {
        TarArchiveEntry e = entry(name, TarConstants.LF_BLK, 0660, 0, 0, MTIME);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, new byte[0]);
    }

    /** Adds a FIFO. */
    public TarBuilder fifo(String name, int mode) {
        return put(entry(name, TarConstants.LF_FIFO, mode, 0, 0, MTIME), new byte[0]);
    }

    /**
     * @param depth how many levels
     * @return a tar of {@code depth} nested directories {@code d/d/...} and a file {@code bottom} ("deep") in
     *     the deepest one: the layer shape whose apply cost used to grow with depth^2.8
     */
    public static byte[] nestedDirectories(int depth) {
        // written by hand: commons-compress's name encoder is quadratic in the name's length (minutes here)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            name.append(i == 0 ? "d" : "/d");
            rawEntry(out, name + "/", '5', 0755, new byte[0]);
        }
        rawEntry(out, name + "/bottom", '0', 0644, "deep".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** Writes a PAX {@code path} record and a ustar header (and content) for one entry. */
    private static void rawEntry(ByteArrayOutputStream out, String name, char type, int mode, byte[] content) {
        byte[] record = paxRecord("path", name);
        header(out, "PaxHeader", 'x', 0644, record.length);
        out.writeBytes(record);
        out.writeBytes(new byte[(512 - record.length % 512) % 512]);
        header(out, "long", type, mode, content.length);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static byte[] paxRecord(String key, String value) {
        int body = 1 + key.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) {
            len++;
        }
        return (len + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void header(ByteArrayOutputStream out, String name, char type, int mode, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, String.format("%07o", mode));
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", MTIME.getEpochSecond()));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte x : h) {
            sum += x & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.writeBytes(h);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** @return the finished, uncompressed tar */
    public byte[] build() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return {@code data} gzip-compressed */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte flag, int mode, int uid, int gid, Instant mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setLastModifiedTime(FileTime.from(mtime));
        return e;
    }

    private TarBuilder put(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }
}
