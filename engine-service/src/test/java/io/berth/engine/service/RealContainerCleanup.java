package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.berth.common.sys.Sys;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.RootfsMounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks and forced cleanup of what real container tests leave on the host (runc state, mounts, cgroups). */
final class RealContainerCleanup {
    private RealContainerCleanup() {
    }

    /**
     * Asserts no runc state, rootfs mount, conmon/container process or cgroup of the container remains.
     * Waits (up to 20 s) for conmon to finish exiting, which it does right after writing the exit file.
     */
    static void assertNothingLeft(EngineConfig config, String cgroupParent, String id, RootfsMounter mounter)
            throws Exception {
        assertFalse(Files.exists(config.runcRoot().resolve(id)), "runc state of " + id);
        assertFalse(mounter.isMounted(config.bundle(id).rootfs()), "rootfs mount of " + id);
        for (int i = 0; i < 200 && !processesMentioning(id).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertTrue(processesMentioning(id).isEmpty(), "processes of " + id + ": " + processesMentioning(id));
        try (DirectoryStream<Path> ctrls = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path ctrl : ctrls) {
                assertFalse(Files.exists(ctrl.resolve(cgroupParent.substring(1)).resolve(id)),
                        "cgroup " + ctrl + cgroupParent + "/" + id);
            }
        }
    }

    /** @return pids of processes whose command line contains the text */
    static List<String> processesMentioning(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(text) && !p.getFileName().toString().equals(
                            Long.toString(ProcessHandle.current().pid()))) {
                        out.add(p.getFileName() + ":" + cmd.replace('\0', ' '));
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }
        }
        return out;
    }

    /**
     * Deletes a test's own default bridge, if it was made.
     *
     * @param bridge its name
     */
    static void removeBridge(String bridge) throws Exception {
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            new ProcessBuilder("ip", "link", "del", "dev", bridge).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /** Kills and deletes anything left in the private runc root, unmounts bundles, removes the cgroup parent. */
    static void forceClean(EngineConfig config, List<String> ids) throws Exception {
        for (String id : ids) {
            new ProcessBuilder("/usr/sbin/runc", "--root", config.runcRoot().toString(), "delete", "--force", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor();
            Path rootfs = config.bundle(id).rootfs();
            for (int i = 0; i < 4; i++) {
                try {
                    Sys.unmount(rootfs, true);
                } catch (IOException e) {
                    break;
                }
            }
        }
        String parent = config.cgroupParent().substring(1);
        try (DirectoryStream<Path> ctrls = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path ctrl : ctrls) {
                Path dir = ctrl.resolve(parent);
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> kids = Files.newDirectoryStream(dir, "[0-9a-f]*")) {
                        for (Path k : kids) {
                            if (Files.isDirectory(k)) {
                                Files.deleteIfExists(k);
                            }
                        }
                    }
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException e) {
                        fail("cannot remove cgroup " + dir + ": " + e);
                    }
                }
            }
        }
    }
}
