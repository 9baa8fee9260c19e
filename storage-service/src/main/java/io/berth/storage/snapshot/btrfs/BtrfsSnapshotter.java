package io.berth.storage.snapshot.btrfs;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.fs.AtomicFiles;
import io.berth.storage.snapshot.BackingFilesystem;
import io.berth.storage.snapshot.vfs.VfsSnapshotter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The "btrfs" storage driver (Docker's btrfs graphdriver, containerd's btrfs snapshotter): every snapshot's
 * tree is a btrfs subvolume, a layer or container an instant copy-on-write snapshot of its parent's
 * subvolume ({@code btrfs subvolume snapshot}, Debian's btrfs-progs) instead of vfs's full copy. Everything
 * else (bookkeeping, bind mounts, the naive differ, export) is {@link VfsSnapshotter}'s, since a snapshot is
 * likewise a complete tree.
 *
 * <p>On-disk layout: vfs's, with {@code snapshots/<id>/fs} a subvolume. Removal deletes the subvolume
 * ({@code btrfs subvolume delete}) before the directory around it, also for leftovers of a crash.
 *
 * <p>Only on a data root that is on btrfs: elsewhere the driver refuses to open with dockerd's
 * "prerequisites for driver not satisfied (wrong filesystem?)" and the filesystem it found.
 */
public final class BtrfsSnapshotter extends VfsSnapshotter {
    /** Docker's name for this driver. */
    public static final String NAME = "btrfs";
    private static final long BTRFS_TIMEOUT_SECONDS = 120;

    /**
     * @param root the driver root, {@code <data-root>/storage/btrfs}
     * @throws InvalidArgumentException if the root is not on a btrfs filesystem
     * @throws io.berth.common.errors.InternalException if the root cannot be set up
     */
    public BtrfsSnapshotter(Path root) {
        super(requireBtrfs(root));
    }

    private static Path requireBtrfs(Path root) {
        Path existing = root.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String fs = existing == null ? "unknown" : BackingFilesystem.of(existing);
        if (!fs.equals("btrfs")) {
            throw new InvalidArgumentException("error initializing graphdriver: prerequisites for driver not "
                    + "satisfied (wrong filesystem?): storage driver btrfs needs the data root on a btrfs file "
                    + "system, but " + existing + " is on " + fs);
        }
        return root;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void createEmpty(Path fs) throws IOException {
        btrfs("subvolume", "create", fs.toString());
        Files.setPosixFilePermissions(fs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    protected void copyOf(Path parentFs, Path fs) throws IOException {
        btrfs("subvolume", "snapshot", parentFs.toString(), fs.toString());
    }

    @Override
    protected void deleteSnapshotDir(Path dir) throws IOException {
        Path fs = dir.resolve("fs");
        if (Files.isDirectory(fs, LinkOption.NOFOLLOW_LINKS) && isSubvolume(fs)) {
            btrfs("subvolume", "delete", fs.toString());
        }
        AtomicFiles.deleteTree(dir);
    }

    /** A subvolume's root directory has inode number 256 (BTRFS_FIRST_FREE_OBJECTID). */
    private static boolean isSubvolume(Path dir) throws IOException {
        return ((Number) Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue() == 256L;
    }

    /**
     * Docker's btrfs DriverStatus: "Build Version" (dockerd: libbtrfs's BTRFS_BUILD_VERSION, e.g.
     * "Btrfs v6.2"; berth: btrfs-progs' version, the same release) and "Library Version" (libbtrfs's
     * BTRFS_LIB_VERSION, left out as dockerd leaves it out when unknown: berth links no libbtrfs).
     */
    @Override
    public List<Map.Entry<String, String>> status() {
        List<Map.Entry<String, String>> status = new ArrayList<>();
        try {
            String v = btrfs("--version").trim(); // "btrfs-progs v6.2"
            int at = v.indexOf(" v");
            if (at >= 0) {
                status.add(Map.entry("Build Version", "Btrfs " + v.substring(at + 1).split("\\s")[0]));
            }
        } catch (IOException e) {
            // dockerd shows no Build Version when it does not know it either
        }
        return status;
    }

    private static String btrfs(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("btrfs");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(BTRFS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + BTRFS_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out.trim());
        }
        return out;
    }
}
