package io.berth.storage.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's cost and limits: deep layers resolve each directory once; paths Linux cannot name are refused. */
class LayerWriterTest {
    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.requireRoot();
        root = Files.createDirectories(tmp.resolve("r"));
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() throws Exception {
        io.berth.common.fs.AtomicFiles.deleteTree(root); // by descriptor: JUnit's clean-up is quadratic in depth
    }

    private LayerWriter writeAll(byte[] tar) throws Exception {
        LayerWriter w = new LayerWriter(root, WhiteoutMode.DELETE);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                w.write(e, in);
            }
        }
        w.finish();
        return w;
    }

    @Test
    void twoThousandNestedDirectories_eachParentIsFoundWithoutResolvingFromTheRoot() throws Exception {
        LayerWriter w = writeAll(TarBuilder.nestedDirectories(2000));

        assertEquals(0, w.fullResolutions(), "every parent was the directory the entry before made");
        assertEquals("deep", Files.readString(root.resolve("d/".repeat(2000) + "bottom")));
    }

    @Test
    void aReplacedDirectoryIsResolvedAgain_neverThroughTheStaleCache() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        byte[] tar = new TarBuilder().dir("a", 0755).dir("a/b", 0755).file("a/b/one", "1", 0644)
                .symlink("a", outside.toString()).file("a/b/two", "2", 0644).build();

        writeAll(tar);

        assertTrue(Files.isSymbolicLink(root.resolve("a")));
        assertEquals("2", Files.readString(root.resolve(outside.toString().substring(1) + "/b/two")),
                "the link is re-rooted inside the layer");
        assertEquals(0, outside.toFile().list().length, "nothing written outside the root");
    }

    @Test
    void aNameLongerThanNameMax_isRefused() {
        byte[] tar = new TarBuilder().file("x".repeat(256), "n", 0644).build();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> writeAll(tar));

        assertTrue(e.getMessage().contains("NAME_MAX"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the name is cut in the message");
    }

    @Test
    void aPathLongerThanPathMax_isRefusedBeforeItsFirstDirectory() {
        String longPath = ("p".repeat(200) + "/").repeat(30) + "f";
        byte[] tar = new TarBuilder().file(longPath, "x", 0644).build();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> writeAll(tar));

        assertTrue(e.getMessage().contains("PATH_MAX"), e.getMessage());
        assertEquals(0, root.toFile().list().length, "not one of its directories was made");
    }

    @Test
    void aPathThatFitsTheImageButNotThisDataRoot_isRefusedToo() throws Exception {
        String name = "q/".repeat(2040) + "f";
        byte[] tar = new TarBuilder().file(name, "x", 0644).build();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> writeAll(tar));

        assertTrue(e.getMessage().contains("in the storage driver"), e.getMessage());
    }
}
