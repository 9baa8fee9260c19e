package io.berth.engine;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A minimal busybox root filesystem for tests that run real containers: the host's static
 * {@code /bin/busybox} (Debian's busybox-static) copied to {@code bin/busybox}, one symbolic link per applet
 * the tests call, the directories the runtime spec mounts onto ({@code proc}, {@code sys}, {@code dev}) plus
 * {@code etc}, {@code tmp} and {@code root}, and {@code etc/passwd} and {@code etc/group} for user lookups. No image is needed, so these tests do not
 * depend on the storage service or the fixture images.
 */
public final class TestRootfs {
    private static final List<String> APPLETS = List.of("sh", "echo", "sleep", "cat", "ls", "id", "hostname",
            "true", "false", "env", "pwd", "ps", "kill", "touch");

    private TestRootfs() {
    }

    /**
     * Requires what running real containers takes: root, {@code /usr/sbin/runc}, {@code /usr/bin/conmon} and a
     * static {@code /bin/busybox}. The first one missing fails the test under CI ({@code CI=true}) and skips
     * it elsewhere, with a message naming it and the path looked at ({@link TestEnvironment}).
     */
    public static void requireContainerTools() {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, mounts and cgroups");
        env.requireExecutable(Path.of("/usr/sbin/runc"), "runc");
        env.requireExecutable(Path.of("/usr/bin/conmon"), "conmon");
        env.requireExecutable(Path.of("/bin/busybox"), "busybox (the test containers' root filesystem)");
    }

    /**
     * @param dir an empty directory
     * @return {@code dir}, filled with bin/busybox, applet links, /etc/passwd and /etc/group, mount points
     * @throws IOException if the files cannot be made
     */
    public static Path create(Path dir) throws IOException {
        for (String d : List.of("bin", "proc", "sys", "dev", "etc", "tmp", "root")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String a : APPLETS) {
            Files.createSymbolicLink(dir.resolve("bin").resolve(a), Path.of("busybox"));
        }
        Files.writeString(dir.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
        return dir;
    }
}
