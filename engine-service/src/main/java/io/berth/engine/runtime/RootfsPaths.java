package io.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root filesystem as the container would see it, following
 * symlinks but never leaving the root ("/.." stays at the root, absolute link targets start at the root),
 * like moby's {@code symlink.FollowSymlinkInScope}. Used before the engine reads or creates files in an
 * image's rootfs (/etc/passwd, the working directory), which images could otherwise point at host files.
 */
public final class RootfsPaths {
    private static final int MAX_LINKS = 255;

    private RootfsPaths() {
    }

    /**
     * @param rootfs the root filesystem on the host
     * @param path an absolute or relative path inside the container
     * @return the host path it denotes (may not exist)
     * @throws IOException if there are too many symlinks or a link cannot be read
     */
    public static Path resolve(Path rootfs, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(rootfs, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many symlinks resolving " + path + " in " + rootfs);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            } else {
                done.addLast(part);
            }
        }
        return join(rootfs, done);
    }

    /**
     * @param p a host path
     * @return true if it exists as a regular file (not following a final symlink)
     */
    public static boolean isFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
