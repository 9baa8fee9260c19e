package io.berth.engine.archive;

import io.berth.common.fs.SecureJoin;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Creates and opens paths inside a {@link ScopedRoot}: missing directories one component at a time
 * ({@code mkdir -p} whose every step is resolved by the kernel inside the root), and mount targets
 * (a directory, or an empty file for a file bind mount, as runc creates them).
 */
final class MountTargets {
    private MountTargets() {
    }

    /**
     * @param rootfd the directory used as root
     * @param components clean components below it
     * @return an O_PATH descriptor of the directory, created (mode 0755, owned by the engine) where missing
     * @throws IOException ENOTDIR if a component is a file, or another failure
     */
    static int mkdirs(int rootfd, List<String> components) throws IOException {
        int dir = ScopedRoot.openDirectory(rootfd, "/");
        for (int i = 0; i < components.size(); i++) {
            // Each prefix is resolved from the root, so links in the tree resolve as from the root.
            String prefix = String.join("/", components.subList(0, i + 1));
            int next;
            try {
                next = ScopedRoot.openDirectory(rootfd, prefix);
            } catch (ErrnoException e) {
                if (e.errno() != ErrnoException.ENOENT) {
                    Sys.close(dir);
                    throw e;
                }
                try {
                    Files.createDirectory(ScopedRoot.entry(dir, components.get(i)));
                } catch (FileAlreadyExistsException dangling) {
                    // a dangling link (or created meanwhile): opening it below decides
                } catch (IOException mk) {
                    Sys.close(dir);
                    throw mk;
                }
                try {
                    next = ScopedRoot.openDirectory(rootfd, prefix);
                } catch (ErrnoException again) {
                    Sys.close(dir);
                    throw again;
                }
            }
            Sys.close(dir);
            dir = next;
        }
        return dir;
    }

    /**
     * @param root the container's root
     * @param destination the mount's absolute destination in the container
     * @param directory whether the source is a directory
     * @return an O_PATH descriptor of the target, created if missing
     * @throws IOException if it cannot be created
     */
    static int open(ScopedRoot root, String destination, boolean directory) throws IOException {
        List<String> parts = SecureJoin.clean(destination);
        if (directory || parts.isEmpty()) {
            return mkdirs(root.fd(), parts);
        }
        int parent = mkdirs(root.fd(), parts.subList(0, parts.size() - 1));
        try {
            String name = parts.get(parts.size() - 1);
            if (EntryAttributes.lstat(ScopedRoot.entry(parent, name)) == null) {
                Files.newOutputStream(ScopedRoot.entry(parent, name), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
            }
            return root.openFollowing(destination);
        } finally {
            Sys.close(parent);
        }
    }
}
