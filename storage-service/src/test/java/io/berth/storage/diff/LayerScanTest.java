package io.berth.storage.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** The fuzz IT's finding: a tar cut inside an entry was "... is truncated: null"; dockerd says "unexpected EOF". */
class LayerScanTest {
    private static byte[] tarWithOneFile(int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("a");
            e.setSize(size);
            t.putArchiveEntry(e);
            t.write(new byte[size]);
            t.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    /** As storage's import reads a tar ({@code LayerUnpacker.storeUncompressed}): decompress, then scan. */
    private static String refusal(byte[] body) {
        return assertThrows(InvalidArgumentException.class, () -> {
            try {
                LayerScan.copyChecked(LayerStreams.uncompressed(new ByteArrayInputStream(body)),
                        OutputStream.nullOutputStream(), "the imported tar");
            } catch (java.io.IOException e) {
                throw TarReadErrors.malformed("the imported tar", e);
            }
        }).getMessage();
    }

    @Test
    void aTruncatedTarOrGzip_isNeverReportedWithANullReason() throws Exception {
        byte[] gzipHeaderOnly = {0x1f, (byte) 0x8b, 8, 0, 0, 0};
        byte[] gzipGarbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        for (byte[] body : new byte[][] {Arrays.copyOf(tarWithOneFile(2000), 512 + 100), gzipHeaderOnly,
                gzipGarbage}) {
            String m = refusal(body);
            assertEquals(false, m.contains("null"), m);
            assertEquals(true, m.startsWith("the imported tar is "), m);
        }
        assertEquals("the imported tar is truncated: unexpected EOF", refusal(gzipHeaderOnly));
    }

    @Test
    void aTarHeaderWithoutItsContent_isTruncated() throws Exception {
        String m = refusal(Arrays.copyOf(tarWithOneFile(10), 512));
        assertEquals("the imported tar is not a valid tar: Truncated TAR archive", m);
        assertEquals(false, m.contains("null"), m);
    }

    @Test
    void aWholeTar_passes() throws Exception {
        assertEquals(1, LayerScan.copyChecked(new ByteArrayInputStream(tarWithOneFile(10)),
                OutputStream.nullOutputStream(), "layer"));
    }
}
