package io.berth.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A minimal busybox root filesystem for tests that run real containers (java-stack-notes.md, section 5). */
public final class TestRootfs {
    private static final List<String> APPLETS = List.of("sh", "echo", "sleep", "cat", "ls", "id", "hostname",
            "true", "false", "env", "pwd", "ps", "kill", "touch");

    private TestRootfs() {
    }

    /** @return true if the machine can run real containers: root, runc, conmon and busybox present */
    public static boolean canRunContainers() {
        return io.berth.common.sys.Sys.isRoot() && Files.isExecutable(Path.of("/usr/sbin/runc"))
                && Files.isExecutable(Path.of("/usr/bin/conmon")) && Files.isExecutable(Path.of("/bin/busybox"));
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
