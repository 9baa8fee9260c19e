package io.berth.common.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawNamesTest {
    private static final byte[] LATIN1_CAFE = {'c', 'a', 'f', (byte) 0xe9};

    @Test
    void decodeAndEncode_roundTripAnyBytes_andLeaveValidUtf8Alone() {
        assertEquals("café", RawNames.decode("café".getBytes(StandardCharsets.UTF_8)));
        String escaped = RawNames.decode(LATIN1_CAFE);
        assertEquals("caf\uDCE9", escaped);
        assertTrue(RawNames.isEscaped(escaped));
        assertFalse(RawNames.isEscaped("café"));
        assertArrayEquals(LATIN1_CAFE, RawNames.encode(escaped));
        byte[] mixed = {(byte) 0xff, 'x', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, 'y', (byte) 0xed,
                (byte) 0xa0, (byte) 0x80};
        assertArrayEquals(mixed, RawNames.encode(RawNames.decode(mixed)));
    }

    @Test
    void display_showsEachStrayByteAsOneReplacementCharacter_asGosJsonEncoder() {
        assertEquals("caf\uFFFD", RawNames.display(RawNames.decode(LATIN1_CAFE)));
        byte[] truncated = {(byte) 0xe2, (byte) 0x82, 'y'};
        assertEquals("\uFFFD\uFFFDy", RawNames.display(RawNames.decode(truncated)));
        assertEquals("café", RawNames.display("café"));
    }

    @Test
    void byteOrder_isTheOrderOfTheRawBytes() {
        List<String> names = new ArrayList<>(List.of(RawNames.decode(LATIN1_CAFE), "café", "cafe", "Z"));
        names.sort(RawNames.BYTE_ORDER);
        assertEquals(List.of("Z", "cafe", "café", RawNames.decode(LATIN1_CAFE)), names); // c3 < e9
    }

    @Test
    void pathsWithNamesThatAreNotUtf8_canBeCreatedListedAndResolvedAgain(@TempDir Path dir) throws Exception {
        String name = RawNames.decode(LATIN1_CAFE);
        Path file = RawNames.resolve(dir, name);
        Files.writeString(file, "x");
        Files.createDirectory(RawNames.resolve(dir, "café"));
        List<String> listed = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                listed.add(RawNames.fileName(p));
            }
        }
        listed.sort(RawNames.BYTE_ORDER);
        assertEquals(List.of("café", name), listed);
        assertTrue(Files.exists(RawNames.resolve(dir, name), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("caf\uFFFD"), LinkOption.NOFOLLOW_LINKS), "the lossy string misses it");
        assertEquals("x", Files.readString(RawNames.resolve(dir, name)));
        byte[] all = RawNames.bytes(RawNames.resolve(dir, "café"));
        assertEquals(dir + "/café", new String(all, StandardCharsets.UTF_8), "no trailing slash for a directory");
        Path link = dir.resolve("l");
        Files.createSymbolicLink(link, RawNames.path(RawNames.encode("/" + name)).getFileSystem()
                .getPath("/").relativize(RawNames.path(RawNames.encode("/" + name))));
        assertEquals(name, RawNames.string(Files.readSymbolicLink(link)));
        assertEquals("/" + name, RawNames.string(RawNames.path(RawNames.encode("/" + name))));
    }
}
