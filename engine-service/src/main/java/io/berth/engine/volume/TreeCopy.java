package io.berth.engine.volume;

import io.berth.common.sys.Sys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a directory tree with everything a volume's pre-fill must keep (moby
 * container/container_unix.go {@code copyExistingContents}: the tree, then the directory's own owner and
 * mode): regular files, directories, symbolic links (not followed), hard links (kept as links), device nodes
 * and FIFOs (sockets are skipped, as a tar copy skips them); each entry's owner (lchown), all 12 mode bits
 * (setuid, setgid, sticky included), every extended attribute (security.capability, user.*, trusted.*), and
 * the modification time of files and directories.
 *
 * <p>The source must not change during the copy (an image's root filesystem before the container ran) and
 * is never left: the walk does not follow symbolic links.
 */
public final class TreeCopy {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFSOCK = 0140000;

    private final Map<String, Path> links = new HashMap<>();

    private TreeCopy() {
    }

    /**
     * Copies the contents of {@code source} into the existing directory {@code target}, then gives
     * {@code target} the owner, mode and xattrs of {@code source}.
     *
     * @param source a directory (not a symbolic link)
     * @param target an existing directory (empty)
     * @throws IOException if an entry cannot be read or written
     */
    public static void copyContents(Path source, Path target) throws IOException {
        TreeCopy c = new TreeCopy();
        c.children(source, target);
        c.attributes(source, target, S_IFDIR);
    }

    private void children(Path sourceDir, Path targetDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sourceDir)) {
            for (Path s : entries) {
                entry(s, targetDir.resolve(s.getFileName().toString()));
            }
        }
    }

    private void entry(Path s, Path t) throws IOException {
        Map<String, Object> a = Files.readAttributes(s, "unix:mode,nlink,dev,ino,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        if (type == S_IFSOCK) {
            return;
        }
        if (type != S_IFDIR && (Integer) a.get("nlink") > 1) {
            String key = a.get("dev") + ":" + a.get("ino");
            Path first = links.putIfAbsent(key, t);
            if (first != null) {
                Files.createLink(t, first);
                return;
            }
        }
        switch (type) {
            case S_IFDIR -> {
                try {
                    Files.createDirectory(t);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                }
                children(s, t);
            }
            case S_IFREG -> Files.copy(s, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            case S_IFLNK -> Files.createSymbolicLink(t, Files.readSymbolicLink(s));
            default -> {
                long rdev = (Long) a.get("rdev");
                int major = (int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL));
                int minor = (int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL));
                Sys.mknod(t, mode, major, minor);
            }
        }
        attributes(s, t, type);
    }

    /** Owner, xattrs, mode bits (not for links, whose mode is fixed) and mtime (files and directories). */
    private static void attributes(Path s, Path t, int type) throws IOException {
        Map<String, Object> a = Files.readAttributes(s, "unix:uid,gid,mode,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        Sys.lchown(t, (Integer) a.get("uid"), (Integer) a.get("gid"));
        for (String name : Sys.listXattrs(s)) {
            byte[] value = Sys.getXattrBytes(s, name);
            if (value != null && type != S_IFLNK) {
                Sys.setXattr(t, name, value);
            }
        }
        if (type == S_IFLNK) {
            return;
        }
        // after lchown, which clears setuid and setgid
        Sys.chmod(t, (Integer) a.get("mode") & 07777);
        if (type == S_IFDIR || type == S_IFREG) {
            Files.setLastModifiedTime(t, (FileTime) a.get("lastModifiedTime"));
        }
    }
}
