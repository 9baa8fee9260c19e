package io.berth.common.fs;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tar stream, passed through unchanged, that also keeps the raw bytes of each entry's name and link
 * target, which commons-compress's {@code TarArchiveInputStream} decodes as UTF-8 (PAX records always,
 * ustar and GNU long names with its encoding) and so loses when they are not valid UTF-8 (U+FFFD).
 * Put it under the {@code TarArchiveInputStream}; after each {@code getNextEntry()}, {@link #name} and
 * {@link #linkName} give the surrogate-escaped ({@link RawNames}) strings of the entry just read (that
 * reader never reads past an entry's header before returning it). Names come from, in order: the PAX
 * {@code path}/{@code linkpath} records, GNU long-name entries ('L', 'K'), the ustar fields (prefix + name).
 * Only the tar's structure is followed here (header blocks, sizes in octal or base-256, PAX {@code size});
 * validation stays with the reader, and a PAX or long-name body above 1 MiB is passed through unrecorded.
 */
public final class RawTarNamesInput extends FilterInputStream {
    private static final int BLOCK = 512;
    private static final int MAX_META = 1 << 20;

    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long bodyLeft;
    private long padLeft;
    private ByteArrayOutputStream meta;
    private byte metaType;
    private byte[] paxPath;
    private byte[] paxLink;
    private long paxSize = -1;
    private byte[] longName;
    private byte[] longLink;
    private String name;
    private String linkName;

    /** @param in the raw tar */
    public RawTarNamesInput(InputStream in) {
        super(in);
    }

    /** @return the last entry header's name, surrogate-escaped, or null before the first */
    public String name() {
        return name;
    }

    /** @return the last entry header's link target, surrogate-escaped ("" if none), or null before the first */
    public String linkName() {
        return linkName;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            feed(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            feed(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void feed(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, end - i);
                if (meta != null && meta.size() + n <= MAX_META) {
                    meta.write(b, i, n);
                } else {
                    meta = null;
                }
                bodyLeft -= n;
                i += n;
                if (bodyLeft == 0) {
                    endBody();
                }
            } else if (padLeft > 0) {
                int n = (int) Math.min(padLeft, end - i);
                padLeft -= n;
                i += n;
            } else {
                int n = Math.min(BLOCK - headerFill, end - i);
                System.arraycopy(b, i, header, headerFill, n);
                headerFill += n;
                i += n;
                if (headerFill == BLOCK) {
                    headerFill = 0;
                    onHeader();
                }
            }
        }
    }

    private void onHeader() {
        boolean zero = true;
        for (byte x : header) {
            if (x != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return; // end-of-archive block
        }
        byte type = header[156];
        long size = size();
        if (type == 'x' || type == 'L' || type == 'K') {
            metaType = type;
            meta = new ByteArrayOutputStream();
        } else if (type == 'g') {
            meta = null;
        } else {
            name = RawNames.decode(paxPath != null ? paxPath : longName != null ? longName : ustarName());
            linkName = RawNames.decode(paxLink != null ? paxLink : longLink != null ? longLink : field(157, 100));
            if (paxSize >= 0) {
                size = paxSize;
            }
            paxPath = null;
            paxLink = null;
            longName = null;
            longLink = null;
            paxSize = -1;
            meta = null;
        }
        start(size);
    }

    private void start(long size) {
        bodyLeft = Math.max(size, 0);
        padLeft = bodyLeft % BLOCK == 0 ? 0 : BLOCK - bodyLeft % BLOCK;
        if (bodyLeft == 0) {
            endBody();
        }
    }

    private void endBody() {
        if (meta == null) {
            return;
        }
        byte[] body = meta.toByteArray();
        meta = null;
        if (metaType == 'x') {
            parsePax(body);
        } else {
            int n = body.length;
            while (n > 0 && body[n - 1] == 0) {
                n--;
            }
            byte[] v = Arrays.copyOf(body, n);
            if (metaType == 'L') {
                longName = v;
            } else {
                longLink = v;
            }
        }
    }

    private void parsePax(byte[] body) {
        int i = 0;
        while (i < body.length) {
            int sp = i;
            while (sp < body.length && body[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(body, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return;
            }
            if (len <= sp - i + 1 || i + len > body.length) {
                return;
            }
            int eq = sp + 1;
            while (eq < i + len && body[eq] != '=') {
                eq++;
            }
            String key = new String(body, sp + 1, eq - sp - 1, StandardCharsets.US_ASCII);
            byte[] value = Arrays.copyOfRange(body, Math.min(eq + 1, i + len - 1), i + len - 1);
            switch (key) {
                case "path" -> paxPath = value;
                case "linkpath" -> paxLink = value;
                case "size" -> {
                    try {
                        paxSize = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                    } catch (NumberFormatException e) {
                        paxSize = -1;
                    }
                }
                default -> {
                }
            }
            i += len;
        }
    }

    private byte[] ustarName() {
        byte[] n = field(0, 100);
        boolean posix = header[257] == 'u' && header[262] == 0; // "ustar\0": GNU's "ustar  \0" has no prefix
        byte[] prefix = posix ? field(345, 155) : new byte[0];
        if (prefix.length == 0) {
            return n;
        }
        byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + n.length);
        joined[prefix.length] = '/';
        System.arraycopy(n, 0, joined, prefix.length + 1, n.length);
        return joined;
    }

    private byte[] field(int off, int len) {
        int n = 0;
        while (n < len && header[off + n] != 0) {
            n++;
        }
        return Arrays.copyOfRange(header, off, off + n);
    }

    private long size() {
        if ((header[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (header[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int i = 124; i < 136; i++) {
            byte c = header[i];
            if (c >= '0' && c <= '7') {
                v = v * 8 + (c - '0');
            } else if (c == 0 || (c == ' ' && v > 0)) {
                break;
            }
        }
        return v;
    }
}
