package io.berth.common.fs;

import io.berth.common.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves paths inside a root directory as if the root were {@code /} (what cyphar/filepath-securejoin
 * does for Go): every component is looked up with lstat; a symbolic link is expanded with its target
 * re-rooted at the root (absolute targets start again at the root, {@code ..} stops at the root), so the
 * result can never leave the root whatever links the tree holds. Only the final component is returned
 * unresolved: callers create, replace or delete that entry itself and never follow it. Path-based, so it
 * assumes nothing else changes the tree meanwhile (storage's layer directories); trees a running container
 * may change are resolved by the kernel instead (engine-service's {@code archive/ScopedRoot}, openat2).
 */
public final class SecureJoin {
    /** Maximum number of symbolic links expanded in one resolution (Linux's MAXSYMLINKS is 40). */
    public static final int MAX_LINKS = 255;

    private SecureJoin() {
    }

    /**
     * Splits a tar entry name into clean components, rejecting names that escape the root.
     * A leading {@code /} is ignored (tar names are relative to the root), {@code .} and empty components
     * are dropped and {@code a/..} is folded lexically, like Go's filepath.Clean.
     *
     * @param name the entry name, e.g. {@code "./app/data/hello.txt"}
     * @return the components, empty for the root itself
     * @throws InvalidArgumentException if {@code ..} would climb above the root
     */
    public static List<String> clean(String name) {
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    throw new InvalidArgumentException("path \"" + name + "\" escapes the root");
                }
                out.remove(out.size() - 1);
                continue;
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Resolves all components of {@code components} as directories inside {@code root}, following
     * symbolic links without leaving the root.
     *
     * @param root the root directory (absolute, a real directory)
     * @param components clean components (see {@link #clean})
     * @param createMissing create missing directories (mode 0755) instead of failing
     * @return the resolved directory, always {@code root} or below it
     * @throws InvalidArgumentException if a component is not a directory, is missing while
     *     {@code createMissing} is false, or links loop
     * @throws IOException if the filesystem fails
     */
    public static Path resolveDirectory(Path root, List<String> components, boolean createMissing)
            throws IOException {
        Deque<String> todo = new ArrayDeque<>(components);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path p = join(root, done).resolve(c);
            BasicFileAttributes a = lstat(p);
            if (a == null) {
                if (!createMissing) {
                    throw new InvalidArgumentException("path " + String.join("/", components)
                            + ": " + String.join("/", done) + (done.isEmpty() ? "" : "/") + c + " does not exist");
                }
                Files.createDirectory(p);
                done.add(c);
            } else if (a.isSymbolicLink()) {
                if (++links > MAX_LINKS) {
                    throw new InvalidArgumentException("path " + String.join("/", components)
                            + ": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(p).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            } else if (a.isDirectory()) {
                done.add(c);
            } else {
                throw new InvalidArgumentException("path " + String.join("/", components) + ": "
                        + String.join("/", done) + (done.isEmpty() ? "" : "/") + c + " is not a directory");
            }
        }
        return join(root, done);
    }

    /**
     * Resolves the parent directory of a clean path and returns the path of its last component, which is
     * not resolved (it may be missing, a file, or a link that must not be followed).
     *
     * @param root the root directory
     * @param components clean, non-empty components
     * @param createMissing create missing parent directories
     * @return {@code resolvedParent/lastComponent}, always inside {@code root}
     * @throws IOException if the filesystem fails
     */
    public static Path resolveLeaf(Path root, List<String> components, boolean createMissing) throws IOException {
        Path parent = resolveDirectory(root, components.subList(0, components.size() - 1), createMissing);
        return parent.resolve(components.get(components.size() - 1));
    }

    /**
     * @param p a path
     * @return its attributes without following a link, or {@code null} if it does not exist
     * @throws IOException if lstat fails for another reason
     */
    public static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Path join(Path root, List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }
}
