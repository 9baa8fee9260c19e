package io.berth.storage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Rewrites an image archive for failure tests: change file contents, put JSON files first, truncate. */
public final class ArchiveRewriter {
    private ArchiveRewriter() {
    }

    /**
     * @param source the archive
     * @param changes entry name → new content function
     * @param jsonFirst write {@code *.json} and {@code repositories} before the layers
     * @return the new archive's bytes
     */
    public static byte[] rewrite(Path source, Map<String, UnaryOperator<byte[]>> changes, boolean jsonFirst)
            throws IOException {
        List<Map.Entry<TarArchiveEntry, byte[]>> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(source); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                byte[] data = tar.readAllBytes();
                UnaryOperator<byte[]> f = changes.get(e.getName());
                entries.add(Map.entry(e, f == null ? data : f.apply(data)));
            }
        }
        if (jsonFirst) {
            entries.sort(Comparator.comparing(en -> en.getKey().getName().endsWith("layer.tar") ? 1 : 0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<TarArchiveEntry, byte[]> en : entries) {
                TarArchiveEntry e = en.getKey();
                e.setSize(en.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(en.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** @return {@code data} with the byte at {@code index} inverted */
    public static byte[] flipByte(byte[] data, int index) {
        byte[] copy = Arrays.copyOf(data, data.length);
        copy[index] = (byte) ~copy[index];
        return copy;
    }
}
