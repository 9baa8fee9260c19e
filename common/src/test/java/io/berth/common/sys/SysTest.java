package io.berth.common.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libc wrappers against the real kernel. mknod, chown and trusted.* xattrs need root: without it those
 * tests fail under CI and are skipped elsewhere ({@link TestEnvironment#requireRoot}).
 */
class SysTest {
    @TempDir
    Path dir;

    @Test
    void direntTypes_namesEachEntrysType() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("file"), "x");
        java.util.Map<String, Integer> types = Sys.direntTypes(dir);
        assertEquals(java.util.Set.of(".", "..", "sub", "file"), types.keySet());
        // The temp directory is on the build machine's disk (ext4, xfs with ftype=1, tmpfs, btrfs: all fill d_type).
        assertEquals(4, types.get("sub"), "DT_DIR");
        assertEquals(8, types.get("file"), "DT_REG");
    }

    @Test
    void direntTypes_missingDirectory_throws() {
        assertThrows(IOException.class, () -> Sys.direntTypes(dir.resolve("nope")));
    }

    @Test
    void chmod_setsSetuidBit() throws IOException {
        Path f = Files.createFile(dir.resolve("tool"));
        Sys.chmod(f, 04755);
        assertEquals(04755, ((Integer) Files.getAttribute(f, "unix:mode")) & 07777);
    }

    @Test
    void mknod_createsAnOverlayWhiteout_charDevice00() throws IOException {
        TestEnvironment.current().requireRoot("mknod of a character device");
        Path w = dir.resolve("gone");
        Sys.mknod(w, LibC.S_IFCHR, 0, 0);
        int mode = (Integer) Files.getAttribute(w, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(LibC.S_IFCHR, mode & 0170000);
        assertEquals(0L, ((Long) Files.getAttribute(w, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());
    }

    @Test
    void setXattr_trustedNamespace_roundTrips_andAbsentIsNull() throws IOException {
        TestEnvironment.current().requireRoot("trusted.* xattrs");
        Path d = Files.createDirectory(dir.resolve("opaque"));
        assertNull(Sys.getXattr(d, "trusted.overlay.opaque"));
        Sys.setXattr(d, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertEquals("y", Sys.getXattr(d, "trusted.overlay.opaque"));
    }

    @Test
    void lchown_changesTheLinkNotItsTarget() throws IOException {
        TestEnvironment.current().requireRoot("lchown to another user");
        Path target = Files.createFile(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Sys.lchown(link, 65534, 65534);
        assertEquals(65534, Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(target, "unix:uid"));
    }

    @Test
    void mount_onMissingTarget_failsWithErrnoInMessage() {
        IOException e = assertThrows(IOException.class,
                () -> Sys.mount("bind", dir.toString(), dir.resolve("missing"), List.of("rbind")));
        assertEquals(true, e.getMessage().contains("errno 2"), e.getMessage());
    }
}
