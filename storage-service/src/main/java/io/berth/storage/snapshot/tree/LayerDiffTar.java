package io.berth.storage.snapshot.tree;

import io.berth.storage.snapshot.Change;
import io.berth.storage.snapshot.ChangeKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a snapshot's changes as a Docker layer tar, what {@code docker commit} stores (moby
 * {@code pkg/archive} ExportChanges; overlay2's native diff converts the upper directory the same way):
 * <ul>
 *   <li>an added or modified path: its entry from the merged tree, written as {@link TarExport} writes it
 *       (a directory alone, its changed children follow as their own changes);</li>
 *   <li>a deleted path: an empty root-owned regular file {@code <dir>/.wh.<name>} (mode 0, mtime the
 *       diff's time, as ExportChanges);</li>
 *   <li>a directory that is opaque in the snapshot's own layer ({@code trusted.overlay.opaque=y}: deleted
 *       and made again): after its entry, {@code <dir>/.wh..wh..opq} with the directory's permission bits
 *       and owner (moby's overlay whiteout converter); the deletions of the lower children it hides are
 *       then not written, the marker hides them all.</li>
 * </ul>
 * Entries come in the changes' order (depth first, a directory before its contents). Diff IDs are the
 * SHA-256 of these bytes, so the output is deterministic for a given tree and time.
 */
public final class LayerDiffTar {
    /** The whiteout prefix of Docker's layer format (image-spec layer.md "Whiteouts"). */
    public static final String WHITEOUT_PREFIX = ".wh.";
    /** The opaque directory marker. */
    public static final String OPAQUE_MARKER = ".wh..wh..opq";

    private LayerDiffTar() {
    }

    /**
     * @param changes the snapshot's changes in walk order (paths absolute, surrogate-escaped)
     * @param tree the snapshot's merged tree, its own layer topmost
     * @param out where the tar goes (not closed)
     * @param whiteoutTime mtime of whiteout entries
     * @throws IOException if a file cannot be read or {@code out} fails
     */
    public static void write(List<Change> changes, LayerStack tree, OutputStream out, FileTime whiteoutTime)
            throws IOException {
        TarExport tar = new TarExport(tree, out);
        Set<String> opaque = new HashSet<>();
        for (Change c : changes) {
            String path = c.path();
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (c.kind() == ChangeKind.DELETED) {
                if (!opaque.contains(parent)) {
                    String dir = parent.isEmpty() ? "" : parent.substring(1) + "/";
                    tar.emptyFile(dir + WHITEOUT_PREFIX + path.substring(path.lastIndexOf('/') + 1), 0,
                            whiteoutTime, 0, 0);
                }
                continue;
            }
            LayerStack.Entry e = tree.lookup(path);
            if (e == null) {
                continue; // deleted by the running container since the changes were listed
            }
            tar.entry(e);
            if (e.isDirectory() && LayerStack.isOpaque(e.file())) {
                opaque.add(path);
                FileStat s = e.stat();
                tar.emptyFile(path.substring(1) + "/" + OPAQUE_MARKER, s.permissions(), s.mtime(), s.uid(), s.gid());
            }
        }
        tar.finish();
    }
}
