package io.berth.engine.archive;

import io.berth.common.fs.SecureJoin;
import java.util.List;

/**
 * A path of the archive routes split as moby's {@code container.ResolvePath} splits it: the path made
 * absolute and cleaned with a trailing "/" or "/." kept ({@code archive.PreserveTrailingDotOrSeparator}),
 * then cut into the directory (resolved with every link followed) and the base (not followed; "" after a
 * trailing "/", "." after "/."), and the base name Go's {@code filepath.Base} gives (the stat's name and
 * the tar's rebased top entry).
 *
 * @param absPath the absolute path, e.g. "/etc/passwd", "/tmp/dir/", "/tmp/dir/."
 * @param dir the directory part, e.g. "/etc"
 * @param base the last element as typed: "" or "." when the whole path is to be followed
 * @param name Go's {@code filepath.Base(absPath)}: "passwd", "dir", ".", or "/" for the root
 */
public record ArchivePath(String absPath, String dir, String base, String name) {
    /**
     * @param path the client's path (relative paths count from "/")
     * @return the split path
     */
    public static ArchivePath of(String path) {
        List<String> parts = clean(path);
        String cleaned = "/" + String.join("/", parts);
        String abs = cleaned;
        if (path.endsWith("/.") && !cleaned.endsWith("/.")) {
            abs = (cleaned.equals("/") ? "" : cleaned) + "/.";
        } else if (path.endsWith("/") && !cleaned.endsWith("/")) {
            abs = cleaned + "/";
        }
        int cut = abs.lastIndexOf('/');
        String dir = abs.substring(0, cut + 1);
        String base = abs.substring(cut + 1);
        String name = parts.isEmpty() ? "/" : parts.get(parts.size() - 1);
        if (abs.endsWith("/.")) {
            name = ".";
        }
        return new ArchivePath(abs, dir.isEmpty() ? "/" : dir, base, name);
    }

    /** @return true if the whole path is followed (a trailing "/" or "/.", or the root) */
    public boolean followsLast() {
        return base.isEmpty() || base.equals(".");
    }

    /** Lexical cleaning from "/": ".." never climbs above the root (Go's filepath.Join("/", path)). */
    private static List<String> clean(String path) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(c);
        }
        return out;
    }

    /** @return the clean components of {@link #absPath} (SecureJoin's cleaning; never climbs above "/") */
    public List<String> components() {
        return SecureJoin.clean(absPath);
    }
}
