package io.berth.engine.archive;

import io.berth.common.fs.SecureJoin;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The {@code linkTarget} of a symbolic link's stat: where the link resolves inside the container's root
 * (moby evaluates the whole path with {@code FollowSymlinkInScope} and makes it absolute in the container),
 * e.g. "/etc/shadow" for {@code /x -> ../../../etc/shadow}. The kernel resolves it (openat2 in the root);
 * a dangling link falls back to its target joined lexically to the link's directory.
 */
final class LinkTargets {
    private LinkTargets() {
    }

    /**
     * @param root the container's root
     * @param dir the link's directory (descriptor)
     * @param p the requested path (its base is the link)
     * @return the absolute resolved path in the container
     * @throws IOException if the link cannot be read
     */
    static String resolve(ScopedRoot root, int dir, ArchivePath p) throws IOException {
        try {
            int fd = root.openFollowing(p.absPath());
            try {
                return root.pathOf(fd);
            } finally {
                Sys.close(fd);
            }
        } catch (ErrnoException dangling) {
            String target = Files.readSymbolicLink(ScopedRoot.entry(dir, p.base())).toString();
            String joined = target.startsWith("/") ? target : root.pathOf(dir) + "/" + target;
            return "/" + String.join("/", SecureJoin.clean(lexicalInRoot(joined)));
        }
    }

    /** Folds ".." at the root away, as a resolution inside the root does. */
    private static String lexicalInRoot(String path) {
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(c);
            }
        }
        for (String c : parts) {
            out.append('/').append(c);
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
