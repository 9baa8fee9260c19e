package io.berth.common.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** Raw (not UTF-8) names written as Go's tar writer does and read back with their exact bytes. */
class RawTarNamesTest {
    private static final String CAFE = RawNames.decode(new byte[] {'d', '/', 'c', 'a', 'f', (byte) 0xe9});
    private static final String LINK = RawNames.decode(new byte[] {'t', (byte) 0xff});

    @Test
    void rawNamesAndLinksSurviveAWriteAndARead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes, "UTF-8")) {
            TarArchiveEntry f = new TarArchiveEntry(CAFE, true);
            f.setSize(3);
            RawTarNames.writeRawNames(t, f);
            t.putArchiveEntry(f);
            t.write("abc".getBytes(StandardCharsets.UTF_8));
            t.closeArchiveEntry();
            TarArchiveEntry plain = new TarArchiveEntry("plain-" + "x".repeat(120), true); // GNU/PAX long name
            plain.setSize(1);
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.putArchiveEntry(plain);
            t.write('z');
            t.closeArchiveEntry();
            TarArchiveEntry l = new TarArchiveEntry("l", TarConstants.LF_SYMLINK, true);
            l.setLinkName(LINK);
            RawTarNames.writeRawNames(t, l);
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
        }
        RawTarNamesInput raw = new RawTarNamesInput(new ByteArrayInputStream(bytes.toByteArray()));
        try (TarArchiveInputStream in = new TarArchiveInputStream(raw, "UTF-8")) {
            TarArchiveEntry e = in.getNextEntry();
            assertNotEquals(CAFE, e.getName(), "commons-compress alone loses the byte (U+FFFD)");
            assertEquals(CAFE, raw.name());
            assertEquals("abc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            e = in.getNextEntry();
            assertEquals(e.getName(), raw.name());
            e = in.getNextEntry();
            assertEquals("l", raw.name());
            assertEquals(LINK, raw.linkName());
        }
    }

    @Test
    void paxRecordLengthCountsItself() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawTarNames.paxRecord(out, "path", "abcdef".getBytes(StandardCharsets.US_ASCII));
        assertEquals("15 path=abcdef\n", out.toString(StandardCharsets.US_ASCII));
    }
}
