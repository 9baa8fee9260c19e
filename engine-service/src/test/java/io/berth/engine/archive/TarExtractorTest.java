package io.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.testing.TestEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile tars against real files, as root (ownership is restored with lchown). */
class TarExtractorTest {
    @TempDir
    Path tmp;
    Path target;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        TestEnvironment.current().requireRoot("lchown of extracted entries");
        target = Files.createDirectories(tmp.resolve("container/dest"));
        outside = Files.createDirectories(tmp.resolve("host"));
    }

    private interface Body {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(Body b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            b.write(t);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream t, String name, String content, int mode) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(mode);
        e.setIds(1234, 5678);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream t, String name, byte type, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private int extract(byte[] tar, boolean noOverwriteDirNonDir, TarExtractor.Owner owner) throws IOException {
        try (ScopedRoot dest = ScopedRoot.open(target)) {
            return new TarExtractor(dest.fd(), noOverwriteDirNonDir, owner).extract(new ByteArrayInputStream(tar));
        }
    }

    @Test
    void filesGetTheirModeOwnerAndParents() throws Exception {
        extract(tar(t -> file(t, "a/b/c.txt", "c", 04750)), true, null);
        Path c = target.resolve("a/b/c.txt");
        assertEquals("c", Files.readString(c));
        assertEquals(1234, Files.getAttribute(c, "unix:uid"));
        assertEquals(5678, Files.getAttribute(c, "unix:gid"));
        assertEquals(0104750, Files.getAttribute(c, "unix:mode"));
    }

    @Test
    void copyUidGid_ownerOverridesTheTars() throws Exception {
        extract(tar(t -> file(t, "o.txt", "o", 0644)), true, new TarExtractor.Owner(42, 43));
        assertEquals(42, Files.getAttribute(target.resolve("o.txt"), "unix:uid"));
        assertEquals(43, Files.getAttribute(target.resolve("o.txt"), "unix:gid"));
    }

    @Test
    void dotDotAboveTheTarget_isRefused() throws Exception {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> extract(tar(t -> file(t, "../../host/escaped", "bad", 0644)), true, null));
        assertTrue(e.getMessage().contains("is outside of"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("escaped")));
    }

    @Test
    void aLinkPlantedByTheTar_resolvesInsideTheTarget() throws Exception {
        extract(tar(t -> {
            link(t, "esc", TarConstants.LF_SYMLINK, "/");
            file(t, "esc/through", "confined", 0644);
            link(t, "up", TarConstants.LF_SYMLINK, "../../../../../../..");
            file(t, "up/climbed", "confined too", 0644);
        }), true, null);
        assertFalse(Files.exists(Path.of("/through")));
        assertEquals("confined", Files.readString(target.resolve("through")), "\"/\" is the target");
        assertEquals("confined too", Files.readString(target.resolve("climbed")));
    }

    @Test
    void anExistingLinkIsReplacedNeverWrittenThrough() throws Exception {
        Path hostFile = Files.writeString(outside.resolve("victim"), "host");
        Files.createSymbolicLink(target.resolve("victim"), hostFile);
        extract(tar(t -> file(t, "victim", "replaced", 0600)), true, null);
        assertEquals("host", Files.readString(hostFile));
        assertFalse(Files.isSymbolicLink(target.resolve("victim")));
        assertEquals("replaced", Files.readString(target.resolve("victim")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("victim"), LinkOption.NOFOLLOW_LINKS)));
    }

    @Test
    void hardLinks_mustStayInsideTheTargetAndNameAFile() throws Exception {
        Files.writeString(outside.resolve("secret"), "s");
        assertThrows(InvalidArgumentException.class, () -> extract(tar(t ->
                link(t, "h", TarConstants.LF_LINK, "../../host/secret")), true, null));
        extract(tar(t -> {
            file(t, "orig", "same inode", 0644);
            link(t, "hard", TarConstants.LF_LINK, "orig");
        }), true, null);
        assertEquals(Files.getAttribute(target.resolve("orig"), "unix:ino"),
                Files.getAttribute(target.resolve("hard"), "unix:ino"));
    }

    @Test
    void anEntryTheTreeCannotTake_isA400NamingIt_neverBerthsProcPath() throws Exception {
        // found by the fuzz IT: a 500 whose message was the JDK's "/proc/self/fd/104/a"
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> extract(tar(t ->
                link(t, "a", TarConstants.LF_SYMLINK, "")), false, null));
        assertEquals(false, e.getMessage().contains("/proc/"), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("Error processing tar file(exit status 1): a: "), e.getMessage());
    }

    @Test
    void deviceNodes_areRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> extract(tar(t -> {
            TarArchiveEntry d = new TarArchiveEntry("mem", TarConstants.LF_CHR, true);
            d.setDevMajor(1);
            d.setDevMinor(1);
            t.putArchiveEntry(d);
            t.closeArchiveEntry();
        }), true, null));
        assertTrue(e.getMessage().contains("device node"), e.getMessage());
        assertFalse(Files.exists(target.resolve("mem")));
    }

    @Test
    void noOverwriteDirNonDir_refusesTypeChangesWithDockerdsText() throws Exception {
        Files.createDirectories(target.resolve("d"));
        Files.writeString(target.resolve("f"), "f");
        InvalidArgumentException dir = assertThrows(InvalidArgumentException.class,
                () -> extract(tar(t -> file(t, "d", "x", 0644)), true, null));
        assertEquals("Error processing tar file(exit status 1): cannot overwrite directory \"/d\" with"
                + " non-directory \"/\"", dir.getMessage());
        InvalidArgumentException file = assertThrows(InvalidArgumentException.class, () -> extract(tar(t -> {
            TarArchiveEntry e = new TarArchiveEntry("f/", true);
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        }), true, null));
        assertTrue(file.getMessage().contains("cannot overwrite non-directory \"/f\" with directory"));
        extract(tar(t -> file(t, "d", "now a file", 0644)), false, null);
        assertEquals("now a file", Files.readString(target.resolve("d")));
    }

    @Test
    void aDirectorySwappedForALinkDuringTheExtraction_neverLeadsOutside() throws Exception {
        Files.createDirectories(target.resolve("d"));
        byte[] many = tar(t -> {
            for (int i = 0; i < 1500; i++) {
                file(t, "d/f" + i, "x", 0644);
            }
        });
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread swapper = new Thread(() -> {
            // what a hostile container does meanwhile: d becomes a link to a host directory and back
            Path d = target.resolve("d");
            Path real = target.resolve("d.real");
            while (!stop.get()) {
                try {
                    Files.move(d, real);
                    Files.createSymbolicLink(d, outside);
                    Thread.onSpinWait();
                    Files.delete(d);
                    Files.move(real, d);
                } catch (IOException raced) {
                    // the extraction recreated d meanwhile: keep swapping
                }
            }
        });
        swapper.start();
        try {
            extract(many, false, null);
        } catch (IOException | InvalidArgumentException raced) {
            // an entry may fail when its directory vanishes; what matters is where the others went
        } finally {
            stop.set(true);
            swapper.join();
        }
        try (var s = Files.list(outside)) {
            assertEquals(java.util.List.of(), s.toList(), "nothing may land in the link's target");
        }
    }

    @Test
    void aTruncatedTar_isA400AndLeavesNoHalfWrittenFile() throws Exception {
        byte[] whole = tar(t -> file(t, "big.bin", "x".repeat(4096), 0644));
        byte[] cut = java.util.Arrays.copyOf(whole, 512 + 1000);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> extract(cut, true, null));
        assertTrue(e.getMessage().startsWith("Error processing tar file"), e.getMessage());
        assertFalse(Files.exists(target.resolve("big.bin"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aOneMebibytePaxHeader_isReadAndItsEntryExtracted() throws Exception {
        byte[] t = tar(o -> {
            TarArchiveEntry e = new TarArchiveEntry("pax.txt", true);
            e.addPaxHeader("BERTH.junk", "j".repeat(1 << 20));
            e.setSize(2);
            o.putArchiveEntry(e);
            o.write("ok".getBytes(StandardCharsets.UTF_8));
            o.closeArchiveEntry();
        });
        extract(t, true, null);
        assertEquals("ok", Files.readString(target.resolve("pax.txt")));
    }

    @Test
    void aHardLinkToTheHostsShadow_staysInsideTheTarget() throws Exception {
        byte[] t = tar(o -> link(o, "shadow", TarConstants.LF_LINK, "../../etc/shadow"));
        assertThrows(InvalidArgumentException.class, () -> extract(t, true, null));
        assertFalse(Files.exists(target.resolve("shadow"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void namesThatAreNotUtf8_roundTripWithTheirExactBytes() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        byte[] cafe = {'c', 'a', 'f', (byte) 0xe9};
        Path raw = io.berth.common.fs.RawNames.resolve(source, io.berth.common.fs.RawNames.decode(cafe));
        Files.writeString(raw, "latin-1");
        Files.createSymbolicLink(io.berth.common.fs.RawNames.resolve(source, "link"),
                io.berth.common.fs.RawNames.pathOf(io.berth.common.fs.RawNames.decode(cafe)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ScopedRoot src = ScopedRoot.open(source)) {
            TarCreator c = new TarCreator(bytes);
            c.writeDirectory(src.fd(), "source");
            c.finish();
        }
        byte[] tar = bytes.toByteArray();
        String latin = new String(tar, StandardCharsets.ISO_8859_1);
        assertTrue(latin.contains(" path=source/caf\u00e9\n"), "PAX path record with the raw bytes");
        extract(tar, true, null);
        Path copied = io.berth.common.fs.RawNames.resolve(target.resolve("source"),
                io.berth.common.fs.RawNames.decode(cafe));
        assertEquals("latin-1", Files.readString(copied));
        assertEquals(io.berth.common.fs.RawNames.decode(cafe), io.berth.common.fs.RawNames.string(
                Files.readSymbolicLink(target.resolve("source/link"))));
    }

    @Test
    void moreDirectoryEntriesThanTheDescriptorLimit_areExtracted() throws Exception {
        int n = 25_000; // above the 20 000 descriptors a service gets: no descriptor may be held per entry
        byte[] t = tar(o -> {
            for (int i = 0; i < n; i++) {
                TarArchiveEntry d = new TarArchiveEntry("d" + i + "/", TarConstants.LF_DIR, true);
                d.setMode(0755);
                o.putArchiveEntry(d);
                o.closeArchiveEntry();
            }
        });
        assertEquals(n, extract(t, true, null));
        assertTrue(Files.isDirectory(target.resolve("d" + (n - 1))));
    }
}
