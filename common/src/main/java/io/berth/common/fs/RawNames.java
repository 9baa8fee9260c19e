package io.berth.common.fs;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * File names as Linux has them (any bytes but NUL and '/'), kept losslessly in Java strings.
 *
 * <p>The JDK decodes a file name as UTF-8 and turns each byte that is not valid UTF-8 into U+FFFD, so a
 * name like {@code caf\xe9} read from a directory cannot be resolved again from its string. Here a name is
 * decoded as Python's "surrogateescape" does: valid UTF-8 as usual, each other byte {@code b} (0x80-0xFF)
 * as the lone surrogate {@code U+DC00 + b}, which valid UTF-8 never yields; {@link #encode} gives back the
 * exact bytes. Such a string must never leave the process as is (protobuf and JSON would mangle the
 * surrogates): show it with {@link #display} (each stray byte as U+FFFD, as Go's JSON encoder and so
 * dockerd's API do), or write its {@link #encode bytes}.
 *
 * <p>{@link Path}s keep raw bytes internally; this class gets them in and out through the only public
 * lossless route, {@code file:} URIs, whose path percent-encodes each byte ({@link #bytes},
 * {@link #path}). Names that are valid UTF-8 take the plain string route.
 */
public final class RawNames {
    private static final char ESCAPE_BASE = '\uDC00';
    private static final char ESCAPE_MIN = '\uDC80';
    private static final char ESCAPE_MAX = '\uDCFF';
    private static final String HEX = "0123456789ABCDEF";

    /** Orders names as Go's {@code sort.Strings} does (and so moby's tree walks): by their raw bytes. */
    public static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(encode(a), encode(b));

    private RawNames() {
    }

    /**
     * @param raw a name or path as bytes
     * @return the surrogate-escaped string (plain UTF-8 decoding when the bytes are valid UTF-8)
     */
    public static String decode(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
                }
            } else {
                throw new IllegalStateException("UTF-8 decoding overflowed: " + r); // cannot happen: chars <= bytes
            }
        }
        d.flush(out);
        return out.flip().toString();
    }

    /**
     * @param name a surrogate-escaped string (or any ordinary string)
     * @return its raw bytes: UTF-8, each escape back to its byte
     */
    public static byte[] encode(String name) {
        if (!isEscaped(name)) {
            return name.getBytes(StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(name.length() + 8);
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= ESCAPE_MIN && c <= ESCAPE_MAX) {
                out.writeBytes(name.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(c - ESCAPE_BASE);
                start = i + 1;
            }
        }
        out.writeBytes(name.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * @param name a surrogate-escaped string
     * @return true if it holds bytes that are not valid UTF-8
     */
    public static boolean isEscaped(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= ESCAPE_MIN && c <= ESCAPE_MAX) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param name a surrogate-escaped string
     * @return what dockerd's JSON shows for it: each byte that is not valid UTF-8 as U+FFFD
     */
    public static String display(String name) {
        if (!isEscaped(name)) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= ESCAPE_MIN && c <= ESCAPE_MAX ? '\uFFFD' : c);
        }
        return b.toString();
    }

    /**
     * @param p a path a directory stream returned (or any path)
     * @return its last element, surrogate-escaped
     */
    public static String fileName(Path p) {
        String s = p.getFileName().toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        byte[] all = bytes(p);
        int slash = all.length - 1;
        while (slash >= 0 && all[slash] != '/') {
            slash--;
        }
        return decode(Arrays.copyOfRange(all, slash + 1, all.length));
    }

    /**
     * @param p a path, relative ones being read against the root "/" (only their bytes matter)
     * @return its raw bytes, surrogate-escaped (the string itself if it was decoded without loss)
     */
    public static String string(Path p) {
        String s = p.toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        if (p.isAbsolute()) {
            return decode(bytes(p));
        }
        byte[] b = bytes(Path.of("/").resolve(p));
        return decode(Arrays.copyOfRange(b, 1, b.length));
    }

    /**
     * @param dir a directory
     * @param name a single surrogate-escaped path element
     * @return {@code dir/name} with the name's exact bytes
     */
    public static Path resolve(Path dir, String name) {
        if (!isEscaped(name)) {
            return dir.resolve(name);
        }
        byte[] d = bytes(dir);
        byte[] n = encode(name);
        byte[] joined = Arrays.copyOf(d, d.length + 1 + n.length);
        joined[d.length] = '/';
        System.arraycopy(n, 0, joined, d.length + 1, n.length);
        return path(joined);
    }

    /**
     * @param name a surrogate-escaped path, absolute or relative (e.g. a symbolic link's target)
     * @return the path with exactly its bytes, relative if the name is
     * @throws IllegalArgumentException if it holds a NUL
     */
    public static Path pathOf(String name) {
        if (!isEscaped(name)) {
            return Path.of(name);
        }
        if (name.startsWith("/")) {
            return path(encode(name));
        }
        Path root = Path.of("/");
        return root.relativize(path(encode("/" + name)));
    }

    /**
     * @param p a path (made absolute against the working directory)
     * @return its exact bytes
     */
    public static byte[] bytes(Path p) {
        Path abs = p.toAbsolutePath();
        String plain = abs.toString();
        if (plain.indexOf('\uFFFD') < 0) {
            return plain.getBytes(StandardCharsets.UTF_8); // decoded without loss: its UTF-8 is its bytes
        }
        String raw = abs.toUri().getRawPath();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c); // the URI's path holds only ASCII outside its escapes
            }
        }
        byte[] b = out.toByteArray();
        if (b.length > 1 && b[b.length - 1] == '/') { // toUri marks an existing directory with a trailing slash
            b = Arrays.copyOf(b, b.length - 1);
        }
        return b;
    }

    /**
     * @param absolute an absolute path's bytes (no NUL)
     * @return the path with exactly those bytes
     * @throws IllegalArgumentException if the bytes are not an absolute path or hold a NUL
     */
    public static Path path(byte[] absolute) {
        if (absolute.length == 0 || absolute[0] != '/') {
            throw new IllegalArgumentException("not an absolute path");
        }
        StringBuilder b = new StringBuilder("file://");
        for (byte x : absolute) {
            int c = x & 0xff;
            if (c == 0) {
                throw new IllegalArgumentException("NUL in a path");
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.'
                    || c == '-' || c == '_') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return Path.of(URI.create(b.toString()));
    }
}
