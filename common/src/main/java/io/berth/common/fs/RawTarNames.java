package io.berth.common.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes tar entries whose name or link target is not valid UTF-8 (a {@link RawNames} surrogate-escaped
 * string) with their exact bytes, as Go's {@code archive/tar} writer (and so dockerd's export, diff and
 * {@code GET /containers/{id}/archive}) does: the raw bytes in PAX {@code path}/{@code linkpath} records
 * of a PAX header of their own (commons-compress writes PAX records as UTF-8 and would lose them), the
 * name's ASCII characters in the ustar fields. Readers merge consecutive PAX headers (POSIX pax format),
 * so the entry's own PAX records still apply. Reading such names back: {@link RawTarNamesInput}.
 */
public final class RawTarNames {
    private RawTarNames() {
    }

    /**
     * Writes the PAX header carrying the raw name and link target of {@code t}, if it needs one, and sets the
     * entry's own name and link target to their ASCII characters. Call it just before
     * {@code tar.putArchiveEntry(t)}.
     *
     * @param tar the tar being written
     * @param t the entry about to be written (its name and link target surrogate-escaped)
     * @throws IOException if writing fails
     */
    public static void writeRawNames(TarArchiveOutputStream tar, TarArchiveEntry t) throws IOException {
        String name = t.getName();
        String link = t.getLinkName();
        boolean rawName = RawNames.isEscaped(name);
        boolean rawLink = link != null && RawNames.isEscaped(link);
        if (!rawName && !rawLink) {
            return;
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        if (rawName) {
            paxRecord(records, "path", RawNames.encode(name));
            t.setName(ascii(name));
        }
        if (rawLink) {
            paxRecord(records, "linkpath", RawNames.encode(link));
            t.setLinkName(ascii(link));
        }
        TarArchiveEntry pax = new TarArchiveEntry("././@PaxHeader", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        byte[] body = records.toByteArray();
        pax.setSize(body.length);
        tar.putArchiveEntry(pax);
        tar.write(body);
        tar.closeArchiveEntry();
    }

    /**
     * Appends one PAX record, {@code "<length> <key>=<value>\n"}, the length (decimal bytes) counting itself.
     *
     * @param out where the record goes
     * @param key the record's key (ASCII)
     * @param value its value, raw bytes
     */
    public static void paxRecord(OutputStream out, String key, byte[] value) {
        int rest = 1 + key.length() + 1 + value.length + 1;
        int len = rest + 1;
        while (Integer.toString(len).length() + rest != len) {
            len = Integer.toString(len).length() + rest;
        }
        try {
            out.write((len + " " + key + "=").getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write('\n');
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Go's {@code toASCII}: the name's ASCII characters only, cut to the 100 bytes of a ustar name field. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            if (s.charAt(i) < 0x80) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }
}
