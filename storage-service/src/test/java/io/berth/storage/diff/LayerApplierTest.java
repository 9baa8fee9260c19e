package io.berth.storage.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.sys.Sys;
import io.berth.storage.content.Digest;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    final LayerApplier applier = new LayerApplier();

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.requireRoot();
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private ApplyResult apply(byte[] tar, WhiteoutMode mode) {
        return applier.apply(new ByteArrayInputStream(tar), root, mode);
    }

    private Set<String> outsideEntries() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.startsWith(root)).map(p -> tmp.relativize(p).toString())
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void apply_plainTar_diffIdIsSha256OfTheTarAndSizeCountsFiles() {
        byte[] tar = new TarBuilder().dir("a", 0755).file("a/x", "hello", 0644).file("b", "123", 0600).build();

        ApplyResult r = apply(tar, WhiteoutMode.DELETE);

        assertEquals(Digest.sha256(tar), r.diffId());
        assertEquals(8, r.sizeBytes());
    }

    @Test
    void apply_gzipTar_diffIdIsOfTheUncompressedTar() throws IOException {
        byte[] tar = new TarBuilder().file("x", "gz", 0644).build();

        ApplyResult r = apply(TarBuilder.gzip(tar), WhiteoutMode.DELETE);

        assertEquals(Digest.sha256(tar), r.diffId());
        assertEquals("gz", Files.readString(root.resolve("x")));
    }

    @Test
    void apply_entries_restoresOwnersModesTimesAndLinks() throws IOException {
        Instant dirTime = Instant.parse("2020-01-02T03:04:05Z");
        byte[] tar = new TarBuilder()
                .dir("d", 0700, 65534, 65534, dirTime)
                .file("d/suid", "x".getBytes(StandardCharsets.UTF_8), 04755, 1234, 5678, TarBuilder.MTIME, Map.of())
                .dir("t", 01777)
                .symlink("d/link", "/etc/passwd")
                .hardlink("d/hard", "d/suid")
                .fifo("d/pipe", 0640)
                .build();

        apply(tar, WhiteoutMode.DELETE);

        Path d = root.resolve("d");
        assertEquals(65534, Files.getAttribute(d, "unix:uid", NOFOLLOW));
        assertEquals(040700, Files.getAttribute(d, "unix:mode", NOFOLLOW));
        assertEquals(dirTime, Files.getLastModifiedTime(d, NOFOLLOW).toInstant(), "dir mtime set after its contents");
        assertEquals(0104755, Files.getAttribute(d.resolve("suid"), "unix:mode", NOFOLLOW));
        assertEquals(1234, Files.getAttribute(d.resolve("suid"), "unix:uid", NOFOLLOW));
        assertEquals(5678, Files.getAttribute(d.resolve("suid"), "unix:gid", NOFOLLOW));
        assertEquals(TarBuilder.MTIME, Files.getLastModifiedTime(d.resolve("suid"), NOFOLLOW).toInstant());
        assertEquals(041777, Files.getAttribute(root.resolve("t"), "unix:mode", NOFOLLOW));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(d.resolve("link")));
        assertEquals(2, Files.getAttribute(d.resolve("hard"), "unix:nlink", NOFOLLOW));
        assertTrue(Files.isSameFile(d.resolve("hard"), d.resolve("suid")));
        assertEquals(010640, Files.getAttribute(d.resolve("pipe"), "unix:mode", NOFOLLOW));
    }

    @Test
    void apply_paxXattr_isSet() throws IOException {
        byte[] tar = new TarBuilder().file("f", "x".getBytes(StandardCharsets.UTF_8), 0644, 0, 0, TarBuilder.MTIME,
                Map.of("SCHILY.xattr.user.berth", "yes")).build();

        apply(tar, WhiteoutMode.DELETE);

        assertEquals("yes", Sys.getXattr(root.resolve("f"), "user.berth"));
    }

    @Test
    void apply_dotDotEscape_isRejectedAndWritesNothingOutside() throws IOException {
        byte[] tar = new TarBuilder().file("a/../../escape.txt", "pwned", 0644).build();
        Set<String> before = outsideEntries();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> apply(tar, WhiteoutMode.DELETE));

        assertTrue(e.getMessage().contains("escapes the root"), e.getMessage());
        assertEquals(before, outsideEntries());
    }

    @Test
    void apply_absoluteSymlinkThenWriteThroughIt_staysInsideRoot() throws IOException {
        byte[] tar = new TarBuilder()
                .symlink("evil", outside.toString())
                .file("evil/pwned", "pwned", 0644)
                .symlink("up", "../../../../../..")
                .file("up/pwned2", "pwned", 0644)
                .build();
        Set<String> before = outsideEntries();

        apply(tar, WhiteoutMode.DELETE);

        assertEquals(before, outsideEntries(), "nothing written outside the root");
        assertFalse(Files.exists(outside.resolve("pwned")));
        assertEquals("pwned", Files.readString(root.resolve(outside.toString().substring(1)).resolve("pwned")),
                "the absolute link is re-rooted at the layer root");
        assertEquals("pwned", Files.readString(root.resolve("pwned2")), ".. stops at the layer root");
    }

    @Test
    void apply_hardlinkOutsideRoot_isRejected() throws IOException {
        Files.writeString(outside.resolve("secret"), "s");
        byte[] direct = new TarBuilder().hardlink("h", "../outside/secret").build();
        byte[] viaSymlink = new TarBuilder().symlink("s", outside.toString()).hardlink("h", "s/secret").build();

        assertThrows(InvalidArgumentException.class, () -> apply(direct, WhiteoutMode.DELETE));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> apply(viaSymlink, WhiteoutMode.DELETE));

        assertTrue(e.getMessage().contains("hard link target"), e.getMessage());
        assertEquals(1, Files.getAttribute(outside.resolve("secret"), "unix:nlink"));
        assertFalse(Files.exists(root.resolve("h"), NOFOLLOW));
    }

    @Test
    void apply_deviceFiles_areRejectedWithAClearError() {
        byte[] chr = new TarBuilder().charDevice("dev/null", 1, 3).build();
        byte[] blk = new TarBuilder().blockDevice("dev/sda", 8, 0).build();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> apply(chr, WhiteoutMode.DELETE));
        assertThrows(InvalidArgumentException.class, () -> apply(blk, WhiteoutMode.OVERLAY));

        assertTrue(e.getMessage().contains("character device (1:3)"), e.getMessage());
        assertFalse(Files.exists(root.resolve("dev/null"), NOFOLLOW));
    }

    @Test
    void apply_truncatedTar_isRejected() {
        byte[] tar = new TarBuilder().file("big", "x".repeat(5000), 0644).build();
        byte[] truncated = Arrays.copyOf(tar, 2048);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> apply(truncated, WhiteoutMode.DELETE));

        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a valid tar"), e.getMessage());
    }

    @Test
    void apply_whiteoutsInDeleteMode_removePathsAndOpaqueDirContents() throws IOException {
        apply(new TarBuilder().file("gone", "x", 0644).dir("keep", 0755).file("keep/a", "a", 0644)
                .dir("opq", 0755).file("opq/old", "o", 0644).dir("opq/olddir", 0755).build(), WhiteoutMode.DELETE);

        apply(new TarBuilder().file(".wh.gone", "", 0600).dir("opq", 0755).file("opq/.wh..wh..opq", "", 0755)
                .file("opq/new", "n", 0644).build(), WhiteoutMode.DELETE);

        assertFalse(Files.exists(root.resolve("gone")));
        assertTrue(Files.exists(root.resolve("keep/a")));
        try (Stream<Path> s = Files.list(root.resolve("opq"))) {
            assertEquals(Set.of("new"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertFalse(Files.exists(root.resolve(".wh.gone")), "markers are not written");
    }

    @Test
    void apply_whiteoutsInOverlayMode_becomeOverlayfsWhiteoutsAndOpaqueXattr() throws IOException {
        apply(new TarBuilder().file(".wh.gone", "", 0600).dir("opq", 0755).file("opq/.wh..wh..opq", "", 0755)
                .file("opq/new", "n", 0644).build(), WhiteoutMode.OVERLAY);

        Path wh = root.resolve("gone");
        assertEquals(0020000, (int) Files.getAttribute(wh, "unix:mode", NOFOLLOW) & 0170000, "character device");
        assertEquals(0L, Files.getAttribute(wh, "unix:rdev", NOFOLLOW));
        assertEquals("y", Sys.getXattr(root.resolve("opq"), "trusted.overlay.opaque"));
        assertNull(Sys.getXattr(root, "trusted.overlay.opaque"));
        assertTrue(Files.exists(root.resolve("opq/new")));
    }

    @Test
    void apply_entryReplacingASymlink_replacesTheLinkNotItsTarget() throws IOException {
        Files.writeString(outside.resolve("victim"), "original");
        byte[] tar = new TarBuilder().symlink("f", outside.resolve("victim").toString()).file("f", "new", 0644).build();

        apply(tar, WhiteoutMode.DELETE);

        assertEquals("original", Files.readString(outside.resolve("victim")));
        assertEquals("new", Files.readString(root.resolve("f")));
        assertFalse(Files.isSymbolicLink(root.resolve("f")));
    }
}
