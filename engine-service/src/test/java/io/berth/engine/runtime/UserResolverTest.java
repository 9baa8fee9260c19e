package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    @TempDir
    Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n# comment\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\napp:x:1000:\n"
                + "wheel:x:10:app,root\naudio:x:29:app\n");
    }

    @Test
    void resolve_empty_isRoot() {
        assertEquals(new ExecUser(0, 0, List.of(10)), UserResolver.resolve(rootfs, ""));
    }

    @Test
    void resolve_name_usesPasswdGroupAndMemberships() {
        assertEquals(new ExecUser(65534, 65534, List.of()), UserResolver.resolve(rootfs, "nobody"));
        assertEquals(new ExecUser(1000, 1000, List.of(10, 29)), UserResolver.resolve(rootfs, "app"));
    }

    @Test
    void resolve_numbers_needNoEntries() {
        assertEquals(new ExecUser(1000, 1000, List.of()), UserResolver.resolve(rootfs, "1000:1000"));
        assertEquals(new ExecUser(4242, 0, List.of()), UserResolver.resolve(rootfs, "4242"));
        assertEquals(new ExecUser(4242, 77, List.of()), UserResolver.resolve(rootfs, "4242:77"));
        assertEquals(new ExecUser(1000, 1000, List.of(10, 29)), UserResolver.resolve(rootfs, "1000"));
    }

    @Test
    void resolve_userAndGroupNames_explicitGroupHasNoExtras() {
        assertEquals(new ExecUser(1000, 10, List.of()), UserResolver.resolve(rootfs, "app:wheel"));
    }

    @Test
    void resolve_unknownNames_throwRuncsText() {
        InvalidArgumentException u = assertThrows(InvalidArgumentException.class,
                () -> UserResolver.resolve(rootfs, "ghost"));
        assertEquals("unable to find user ghost: no matching entries in passwd file", u.getMessage());
        InvalidArgumentException g = assertThrows(InvalidArgumentException.class,
                () -> UserResolver.resolve(rootfs, "app:ghosts"));
        assertEquals("unable to find group ghosts: no matching entries in group file", g.getMessage());
    }

    @Test
    void resolve_noPasswdFile_numericStillWorksNamesFail() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        assertEquals(new ExecUser(0, 0, List.of(10)), UserResolver.resolve(rootfs, ""));
        assertEquals(new ExecUser(5, 0, List.of()), UserResolver.resolve(rootfs, "5"));
        assertThrows(InvalidArgumentException.class, () -> UserResolver.resolve(rootfs, "nobody"));
    }

    @Test
    void resolve_passwdSymlinkEscapingRoot_staysInsideRootfs(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("passwd"), "evil:x:7:7::/:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../../../../../" + outside + "/passwd"));

        assertThrows(InvalidArgumentException.class, () -> UserResolver.resolve(rootfs, "evil"));
    }
}
