package io.berth.storage.diff;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.SecureJoin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The checks every layer tar entry passes before anything of it is written, the same when a layer is
 * scanned on arrival ({@link LayerScan}) and when it is applied ({@link LayerWriter}): the name is cleaned and
 * may not climb above the root; each name component fits Linux's NAME_MAX (255 bytes) and the whole path
 * inside the image (as {@code /<name>}) fits PATH_MAX (4096 bytes with its NUL), since a tree a kernel call
 * cannot name is one no container, differ or clean-up could use (dockerd fails such a layer with
 * ENAMETOOLONG half way, berth refuses it whole); link targets are bounded the same way; device nodes and
 * unknown entry types are refused. Every failure is an {@link InvalidArgumentException} (a client's 400).
 */
final class LayerEntries {
    /** Linux's NAME_MAX: the longest name of one directory entry, in bytes. */
    static final int NAME_MAX = 255;
    /** Linux's PATH_MAX less the terminating NUL: the longest path one system call takes, in bytes. */
    static final int PATH_MAX = 4095;
    private static final int SHOWN = 80;

    private LayerEntries() {
    }

    /**
     * @param e a tar entry of a layer
     * @return its clean name components (empty for the root)
     * @throws InvalidArgumentException if the name escapes the root or is longer than Linux allows, a link
     *     target is too long, or the entry is a device node or of an unknown type
     */
    static List<String> check(TarArchiveEntry e) {
        List<String> parts;
        try {
            parts = SecureJoin.clean(e.getName());
        } catch (InvalidArgumentException ex) {
            throw new InvalidArgumentException("layer entry " + shown(e.getName()) + " escapes the root");
        }
        long total = 0;
        for (String p : parts) {
            int n = p.getBytes(StandardCharsets.UTF_8).length;
            if (n > NAME_MAX) {
                throw new InvalidArgumentException("layer entry " + shown(e.getName()) + ": a name of " + n
                        + " bytes is longer than the " + NAME_MAX + " bytes Linux allows (NAME_MAX)");
            }
            total += 1 + n;
        }
        if (total > PATH_MAX) {
            throw new InvalidArgumentException("layer entry " + shown(e.getName()) + ": its path of " + total
                    + " bytes is longer than the " + PATH_MAX + " bytes Linux allows (PATH_MAX)");
        }
        if ((e.isSymbolicLink() || e.isLink())
                && e.getLinkName().getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            throw new InvalidArgumentException("layer entry " + shown(e.getName()) + ": its link target is longer"
                    + " than the " + PATH_MAX + " bytes Linux allows (PATH_MAX)");
        }
        if (e.isLink() && !parts.isEmpty()) {
            try {
                if (SecureJoin.clean(e.getLinkName()).isEmpty()) {
                    throw new InvalidArgumentException("layer entry " + shown(e.getName()) + ": hard link to the root");
                }
            } catch (InvalidArgumentException ex) {
                throw new InvalidArgumentException("layer entry " + shown(e.getName()) + ": hard link target "
                        + shown(e.getLinkName()) + " is not inside the layer", ex);
            }
        }
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).startsWith(".wh.")) {
            checkType(e);
        }
        return parts;
    }

    /**
     * @param parts clean name components
     * @return the bytes of {@code /<parts joined by />}
     */
    static long pathBytes(List<String> parts) {
        long total = 0;
        for (String p : parts) {
            total += 1 + p.getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }

    private static void checkType(TarArchiveEntry e) {
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw new InvalidArgumentException("layer entry " + shown(e.getName()) + " is a "
                    + (e.isCharacterDevice() ? "character" : "block") + " device (" + e.getDevMajor() + ":"
                    + e.getDevMinor() + "): device files are not allowed in image layers");
        }
        if (!(e.isDirectory() || e.isSymbolicLink() || e.isLink() || e.isFIFO() || e.isFile())) {
            throw new InvalidArgumentException("layer entry " + shown(e.getName()) + " has unsupported tar type '"
                    + (char) e.getLinkFlag() + "'");
        }
    }

    /**
     * @param name an entry name or link target
     * @return it quoted, cut in the middle to at most about {@value #SHOWN} characters (a hostile name may be
     *     megabytes long)
     */
    static String shown(String name) {
        if (name.length() <= SHOWN) {
            return "\"" + name + "\"";
        }
        return "\"" + name.substring(0, SHOWN / 2) + "..." + name.substring(name.length() - SHOWN / 2) + "\" ("
                + name.length() + " characters)";
    }
}
