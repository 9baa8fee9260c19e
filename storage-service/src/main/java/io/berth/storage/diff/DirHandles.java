package io.berth.storage.diff;

import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * O_PATH descriptors of the directories a layer writes into, so that each entry is created and changed
 * through {@code /proc/self/fd/<fd>/<name>}: the kernel then walks two components instead of the entry's
 * whole path (with 2 000 nested directories every system call walked up to 2 000 components, eight calls an
 * entry). A directory the layer makes is opened from its parent's descriptor (one component); others by
 * their path, once. At most {@value #MAX_OPEN} descriptors are held (least recently used closed first).
 * Not thread-safe; {@link #close()} releases them all.
 */
final class DirHandles implements AutoCloseable {
    /** Descriptors held open at most. */
    static final int MAX_OPEN = 128;
    private static final long FLAGS = LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW;

    private final LinkedHashMap<Path, Integer> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Integer> eldest) {
            if (size() > MAX_OPEN) {
                Sys.close(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /**
     * @param dir a real directory (no symbolic link in the part the layer made)
     * @return a path naming {@code dir} through its descriptor, {@code /proc/self/fd/<fd>}; {@code dir} itself
     *     if it cannot be opened (the caller's next call then reports the error with the real path)
     */
    Path at(Path dir) {
        Integer fd = open.get(dir);
        if (fd == null) {
            try {
                fd = Sys.openat2(LibC.AT_FDCWD, io.berth.common.fs.RawNames.string(dir), FLAGS, 0);
            } catch (ErrnoException e) {
                return dir;
            }
            open.put(dir, fd);
        }
        return Path.of("/proc/self/fd/" + fd);
    }

    /**
     * Opens a directory just made or found in {@code parent}, from the parent's descriptor.
     *
     * @param parent the parent (real path)
     * @param child the child (real path)
     */
    void opened(Path parent, Path child) {
        Integer parentFd = open.get(parent);
        if (parentFd == null || open.containsKey(child)) {
            return;
        }
        try {
            open.put(child, Sys.openat2(parentFd, io.berth.common.fs.RawNames.fileName(child), FLAGS, 0));
        } catch (ErrnoException e) {
            // opened by path when first used
        }
    }

    /** Closes the descriptors of {@code path} and of every directory below it (they were removed). */
    void forget(Path path) {
        for (Iterator<Map.Entry<Path, Integer>> i = open.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Path, Integer> e = i.next();
            if (e.getKey().startsWith(path)) {
                Sys.close(e.getValue());
                i.remove();
            }
        }
    }

    @Override
    public void close() {
        for (int fd : open.values()) {
            Sys.close(fd);
        }
        open.clear();
    }
}
