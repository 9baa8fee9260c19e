package io.berth.common.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlay mounts whose options exceed mount(2)'s page, against the real kernel (root needed): 80 lower
 * directories with long absolute names (about 5 KB of options) mounted through {@link Sys#mount} (the new mount
 * API's {@code lowerdir+} on Linux 6.8+) and through the relative mount(8) fallback dockerd uses.
 */
class OverlayMountTest {
    private static final int LOWERS = 80;

    @TempDir
    Path dir;
    private Path merged;
    private final List<String> lowers = new ArrayList<>();

    @BeforeEach
    void layers() throws IOException {
        TestEnvironment.current().requireRoot("overlay mounts");
        for (int i = 0; i < LOWERS; i++) {
            Path l = Files.createDirectories(dir.resolve("layers").resolve(String.format("%03d-%s", i, "x".repeat(30))));
            Files.writeString(l.resolve("f" + i), "layer " + i);
            Files.writeString(l.resolve("shared"), "layer " + i);
            lowers.add(l.toString());
        }
        Files.createDirectories(dir.resolve("layers/upper"));
        Files.createDirectories(dir.resolve("layers/work"));
        merged = Files.createDirectories(dir.resolve("merged"));
    }

    @AfterEach
    void unmount() {
        try {
            Sys.unmount(merged, true);
        } catch (IOException | RuntimeException e) {
            // not mounted (the test failed before, or asserted a refusal)
        }
    }

    private List<String> options() {
        return List.of("index=off", "lowerdir=" + String.join(":", lowers),
                "upperdir=" + dir.resolve("layers/upper"), "workdir=" + dir.resolve("layers/work"));
    }

    private void assertMergedTree() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(merged)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(LOWERS + 1, names.size(), names.toString());
        assertEquals("layer 0", Files.readString(merged.resolve("shared")), "the first lower is the topmost");
        assertEquals("layer " + (LOWERS - 1), Files.readString(merged.resolve("f" + (LOWERS - 1))));
        Files.writeString(merged.resolve("new"), "upper");
        assertEquals("upper", Files.readString(dir.resolve("layers/upper/new")));
    }

    @Test
    void sysMount_optionsLongerThanAPage_mountEveryLower() throws IOException {
        assertTrue(String.join(",", options()).length() > OverlayMount.MAX_DATA);

        Sys.mount("overlay", "overlay", merged, options());

        assertMergedTree();
    }

    @Test
    void relativeFallback_mountsFromTheSharedDirectory() throws IOException {
        OverlayMount.mountRelative("overlay", merged, 0, options());

        assertMergedTree();
    }

    @Test
    void relativeFallback_stillTooLong_isDockerdsError() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.addAll(lowers);
        }
        IOException e = assertThrows(IOException.class, () -> OverlayMount.mountRelative("overlay", merged, 0,
                List.of("lowerdir=" + String.join(":", many), "upperdir=" + dir.resolve("layers/upper"),
                        "workdir=" + dir.resolve("layers/work"))));
        assertTrue(e.getMessage().startsWith("cannot mount layer, mount label too large "), e.getMessage());
    }

    @Test
    void commonDirectory_isTheDeepestSharedAncestor() {
        assertEquals(Path.of("/a/b"), OverlayMount.commonDirectory(List.of(Path.of("/a/b/l/X"), Path.of("/a/b/s/1/fs"))));
        assertEquals(Path.of("/a"), OverlayMount.commonDirectory(List.of(Path.of("/a/b"), Path.of("/a/b/c"))));
        assertEquals(Path.of("/"), OverlayMount.commonDirectory(List.of(Path.of("/x/1"), Path.of("/y/2"))));
    }
}
