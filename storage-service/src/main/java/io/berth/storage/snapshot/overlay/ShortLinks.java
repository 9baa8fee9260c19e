package io.berth.storage.snapshot.overlay;

import io.berth.storage.snapshot.SnapshotRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * overlay2's short link names, as dockerd's overlay2 driver keeps them (moby daemon/graphdriver/overlay2
 * overlay.go, {@code linkDir}, {@code idLength}, {@code getLower}): every snapshot has a 26-character random ID
 * (RFC 4648 base32 alphabet, A-Z and 2-7) written to {@code snapshots/<id>/link}, and a symlink
 * {@code <root>/l/<that ID>} → {@code ../snapshots/<id>/fs}; a snapshot with parents also has
 * {@code snapshots/<id>/lower}, its lower directories as {@code l/<ID>} names joined with ':', nearest parent
 * first. Mounts name lower directories through these links, about 29 bytes each after the root instead of the
 * full {@code snapshots/<id>/fs} path, so that more layers fit in mount(2)'s one page of options.
 *
 * <p>The files are written in place, not atomically: a torn {@code link} (not 26 characters of the alphabet) is
 * replaced by a fresh ID at the next start and a stale {@code lower} is rewritten, so a crash costs nothing.
 * The {@code link} file is the source of truth; the in-memory map is read from it when the driver opens
 * ({@link #repair}), which also gives a link to every snapshot of an older data root that has none, rewrites a
 * missing or wrong symlink or {@code lower} file and deletes links of snapshots that are gone (a crash between
 * a snapshot's removal and its link's). Not thread-safe: the snapshotter serialises calls.
 */
final class ShortLinks {
    /** The link directory's name under the driver root (dockerd's {@code linkDir}). */
    static final String LINK_DIR = "l";
    /** Length of a link ID (dockerd's {@code idLength}). */
    static final int ID_LENGTH = 26;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final Logger LOG = LogManager.getLogger(ShortLinks.class);

    private final Path linkDir;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, String> byId = new HashMap<>();

    /**
     * @param root the driver root; {@code l/} is created in it (mode 0700, as dockerd)
     * @throws IOException if {@code l/} cannot be created
     */
    ShortLinks(Path root) throws IOException {
        this.linkDir = root.resolve(LINK_DIR);
        if (!Files.isDirectory(linkDir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(linkDir);
            Files.setPosixFilePermissions(linkDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Gives a new snapshot its link: a fresh ID in {@code dir/link} and the symlink in {@code l/}.
     *
     * @param dir the snapshot's directory (possibly still its temp name)
     * @param id the snapshot's numeric ID, which names its final directory
     * @return the link ID
     * @throws IOException if the file or symlink cannot be written
     */
    String create(Path dir, long id) throws IOException {
        String lid = freshId();
        Files.createSymbolicLink(linkDir.resolve(lid), target(id));
        byId.put(id, lid);
        Files.writeString(dir.resolve("link"), lid, StandardCharsets.US_ASCII);
        return lid;
    }

    /**
     * Writes {@code dir/lower} for a snapshot on {@code parentChain}.
     *
     * @param dir the snapshot's directory
     * @param parentChain its committed ancestors, nearest first, each with a link; nothing is written if empty
     * @throws IOException if the file cannot be written
     */
    void writeLower(Path dir, List<SnapshotRecord> parentChain) throws IOException {
        if (!parentChain.isEmpty()) {
            Files.writeString(dir.resolve("lower"), lowerFile(parentChain), StandardCharsets.US_ASCII);
        }
    }

    /**
     * @param parentChain committed ancestors, nearest first
     * @return the {@code lower} file's content: {@code l/<ID>} of each, joined with ':'
     */
    String lowerFile(List<SnapshotRecord> parentChain) {
        StringBuilder sb = new StringBuilder();
        for (SnapshotRecord p : parentChain) {
            sb.append(sb.length() == 0 ? "" : ":").append(LINK_DIR).append('/').append(linkOf(p));
        }
        return sb.toString();
    }

    /**
     * @param record a snapshot
     * @return the absolute path of its link, {@code <root>/l/<ID>}, which resolves to its {@code fs}
     */
    Path path(SnapshotRecord record) {
        return linkDir.resolve(linkOf(record));
    }

    private String linkOf(SnapshotRecord record) {
        String lid = byId.get(record.id());
        if (lid == null) {
            throw new IllegalStateException("overlay2: snapshot " + record.key() + " (id " + record.id()
                    + ") has no link");
        }
        return lid;
    }

    /**
     * Deletes a snapshot's link; a missing one is fine, a failure is logged ({@link #repair} retries at start).
     *
     * @param record the snapshot
     */
    void remove(SnapshotRecord record) {
        String lid = byId.remove(record.id());
        if (lid == null) {
            return;
        }
        try {
            Files.deleteIfExists(linkDir.resolve(lid));
        } catch (IOException e) {
            LOG.warn("overlay2: cannot remove link l/{} of snapshot {}: {}", lid, record.key(), e.toString());
        }
    }

    /**
     * Reads every snapshot's link and makes the on-disk state whole again: a link for each snapshot without a
     * valid one (older data roots), its symlink if missing or wrong, its {@code lower} file if missing or
     * stale, and no symlink in {@code l/} that no snapshot names.
     *
     * @param records every snapshot
     * @param dirOf a snapshot's directory
     * @param chainOf a snapshot's committed ancestors, nearest first
     * @throws IOException if a link cannot be written
     */
    void repair(List<SnapshotRecord> records, Function<SnapshotRecord, Path> dirOf,
                Function<SnapshotRecord, List<SnapshotRecord>> chainOf) throws IOException {
        byId.clear();
        Set<String> taken = new HashSet<>();
        int given = 0;
        for (SnapshotRecord r : records) {
            Path dir = dirOf.apply(r);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String lid = readLink(dir.resolve("link"));
            if (lid == null || !taken.add(lid)) {
                lid = freshId();
                taken.add(lid);
                Files.writeString(dir.resolve("link"), lid, StandardCharsets.US_ASCII);
                given++;
            }
            Path link = linkDir.resolve(lid);
            if (!target(r.id()).equals(readSymlink(link))) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, target(r.id()));
            }
            byId.put(r.id(), lid);
        }
        for (SnapshotRecord r : records) {
            Path dir = dirOf.apply(r);
            if (!r.hasParent() || !byId.containsKey(r.id())) {
                continue;
            }
            List<SnapshotRecord> chain = chainOf.apply(r);
            if (!chain.stream().allMatch(p -> byId.containsKey(p.id()))) {
                continue;
            }
            String want = lowerFile(chain);
            Path lower = dir.resolve("lower");
            if (!Files.exists(lower) || !want.equals(Files.readString(lower, StandardCharsets.US_ASCII))) {
                writeLower(dir, chain);
            }
        }
        if (given > 0) {
            LOG.info("overlay2: gave {} snapshot(s) a short link in {}", given, linkDir);
        }
        Set<String> live = new HashSet<>(byId.values());
        try (var entries = Files.list(linkDir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!live.contains(p.getFileName().toString())) {
                    LOG.info("overlay2: deleting link {} that no snapshot has", p);
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Path target(long id) {
        return Path.of("..", "snapshots", Long.toString(id), "fs");
    }

    private static String readLink(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != ID_LENGTH) {
            return null;
        }
        String lid = Files.readString(file, StandardCharsets.US_ASCII);
        return lid.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? lid : null;
    }

    private static Path readSymlink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private String freshId() {
        while (true) {
            StringBuilder sb = new StringBuilder(ID_LENGTH);
            for (int i = 0; i < ID_LENGTH; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String lid = sb.toString();
            if (!byId.containsValue(lid) && !Files.exists(linkDir.resolve(lid), LinkOption.NOFOLLOW_LINKS)) {
                return lid;
            }
        }
    }
}
