package io.berth.engine.archive;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.PermissionDeniedException;
import io.berth.common.sys.ErrnoException;
import io.berth.common.sys.Sys;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.proto.engine.v1.PathStat;
import io.berth.proto.engine.v1.PutArchiveTarget;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive operations of the Docker Engine API 1.41 on a container's filesystem (moby
 * daemon/archive.go): stat ({@code HEAD /containers/{id}/archive}), get ({@code GET}, event
 * {@code archive-path}) and put ({@code PUT}, event {@code extract-to-dir}), on created, running and stopped
 * containers ({@link ContainerRoots}). Paths resolve as moby's {@code ResolvePath} and
 * {@code GetResourcePath} do, inside the container's root ({@link ScopedRoot}). Errors: "No such container:
 * x" and "Could not find the file /p in container x" (NOT_FOUND); "extraction point is not a directory",
 * hostile or conflicting tar entries (INVALID_ARGUMENT); "container rootfs is marked read-only" and
 * "mounted volume is marked read-only" (PERMISSION_DENIED).
 */
@Singleton
public class ContainerArchives {
    private final ContainerStore store;
    private final ContainerRoots roots;
    private final ContainerEvents events;

    /** What {@link #get} writes to: the stat first, then the tar. */
    public interface Sink {
        /**
         * @param stat the stat of the path, before any tar byte
         * @return where the tar goes
         * @throws IOException if the reader is gone
         */
        OutputStream begin(PathStat stat) throws IOException;
    }

    /**
     * @param store the containers
     * @param roots opens a container's filesystem
     * @param events event publishing
     */
    @Inject
    public ContainerArchives(ContainerStore store, ContainerRoots roots, ContainerEvents events) {
        this.store = store;
        this.roots = roots;
        this.events = events;
    }

    /**
     * @param ref container ID, name or prefix
     * @param path path in the container
     * @return the stat (a last symbolic link is not followed; its resolved target is in link_target)
     * @throws NotFoundException for a missing container or path
     * @throws IOException if the filesystem fails
     */
    public PathStat stat(String ref, String path) throws IOException {
        Container c = store.get(ref);
        ArchivePath p = ArchivePath.of(path);
        try (OpenRoot open = roots.open(c)) {
            Located l = locate(open.root(), p, ref, path);
            try {
                return l.stat;
            } finally {
                l.close();
            }
        }
    }

    /**
     * Writes the tar of a path: its entries are rebased to the path's base name (moby's
     * {@code TarResourceRebase}). Runs on the caller's thread, which holds the container's lock if it is not
     * running, until the tar is written.
     *
     * @param ref container ID, name or prefix
     * @param path path in the container
     * @param sink the stat and the tar's destination
     * @throws NotFoundException for a missing container or path (before the sink is used)
     * @throws IOException if the filesystem or the sink fails
     */
    public void get(String ref, String path, Sink sink) throws IOException {
        Container c = store.get(ref);
        ArchivePath p = ArchivePath.of(path);
        try (OpenRoot open = roots.open(c)) {
            Located l = locate(open.root(), p, ref, path);
            try {
                OutputStream out = sink.begin(l.stat);
                events.publish(open.record(), "archive-path");
                TarCreator tar = new TarCreator(out);
                if (l.leaf == null) {
                    tar.writeDirectory(l.dir, p.name().equals("/") ? "" : p.name());
                } else {
                    tar.writeEntry(l.dir, l.leaf, p.name());
                }
                tar.finish();
            } finally {
                l.close();
            }
        }
    }

    /**
     * Extracts a tar into a directory of the container (a last symbolic link of the path is followed).
     *
     * @param target the container, the directory and the options
     * @param tar the tar, read to its end
     * @throws NotFoundException for a missing container or directory
     * @throws InvalidArgumentException if the path is not a directory, or for a hostile or conflicting entry
     * @throws PermissionDeniedException for a read-only root filesystem or mount
     * @throws IOException if the filesystem fails
     */
    public void put(PutArchiveTarget target, InputStream tar) throws IOException {
        String ref = target.getContainer();
        Container c = store.get(ref);
        ArchivePath p = ArchivePath.of(target.getPath());
        try (OpenRoot open = roots.open(c)) {
            ScopedRoot root = open.root();
            int dir;
            try {
                dir = root.openDirectory(p.absPath());
            } catch (ErrnoException e) {
                if (e.errno() == ErrnoException.ENOENT) {
                    throw notFound(target.getPath(), ref);
                }
                if (e.errno() == ErrnoException.ENOTDIR) {
                    throw new InvalidArgumentException("extraction point is not a directory");
                }
                throw e;
            }
            try {
                ContainerRecord r = open.record();
                VolumeCheck.check(r, root.pathOf(dir));
                TarExtractor.Owner owner = target.getCopyUidGid() ? CopyOwner.of(root, r) : null;
                new TarExtractor(dir, target.getNoOverwriteDirNonDir(), owner).extract(tar);
                events.publish(r, "extract-to-dir");
            } catch (ErrnoException e) {
                if (e.errno() == ErrnoException.EROFS) {
                    throw new PermissionDeniedException("container rootfs is marked read-only", e);
                }
                throw e;
            } finally {
                Sys.close(dir);
            }
        }
    }

    /** The parent descriptor and leaf of a path, with its stat. */
    private static final class Located implements AutoCloseable {
        final int dir;
        final String leaf;
        final PathStat stat;

        Located(int dir, String leaf, PathStat stat) {
            this.dir = dir;
            this.leaf = leaf;
            this.stat = stat;
        }

        @Override
        public void close() {
            Sys.close(dir);
        }
    }

    private static Located locate(ScopedRoot root, ArchivePath p, String ref, String path) throws IOException {
        int dir;
        try {
            dir = root.openDirectory(p.followsLast() ? p.absPath() : p.dir());
        } catch (ErrnoException e) {
            throw statError(e, path, ref);
        }
        try {
            if (p.followsLast()) {
                EntryAttributes a = EntryAttributes.lstat(ScopedRoot.entry(dir, "."));
                return new Located(dir, null, PathStats.of(p.name(), a, ""));
            }
            EntryAttributes a = EntryAttributes.lstat(ScopedRoot.entry(dir, p.base()));
            if (a == null) {
                throw notFound(path, ref);
            }
            String linkTarget = a.isSymlink() ? LinkTargets.resolve(root, dir, p) : "";
            return new Located(dir, p.base(), PathStats.of(p.name(), a, linkTarget));
        } catch (IOException | RuntimeException e) {
            Sys.close(dir);
            throw e;
        }
    }

    private static RuntimeException statError(ErrnoException e, String path, String ref) {
        return switch (e.errno()) {
            case ErrnoException.ENOENT -> notFound(path, ref);
            case ErrnoException.ENOTDIR -> new InvalidArgumentException("lstat " + path + ": not a directory");
            case ErrnoException.ELOOP -> new InvalidArgumentException("lstat " + path
                    + ": too many levels of symbolic links");
            default -> new io.berth.common.errors.InternalException("lstat " + path + ": " + e.getMessage(), e);
        };
    }

    /** dockerd's containerFileNotFound text. */
    static NotFoundException notFound(String path, String ref) {
        return new NotFoundException("Could not find the file " + path + " in container " + ref);
    }

    /** @return the path of a regular file in the root, read through the root (at most 1 MiB), or null */
    static byte[] readSmallFile(ScopedRoot root, String path) throws IOException {
        int fd;
        try {
            fd = root.openFollowing(path);
        } catch (ErrnoException e) {
            return null;
        }
        try {
            Path p = ScopedRoot.procPath(fd);
            if (!Files.isRegularFile(p) || Files.size(p) > 1024 * 1024) {
                return null;
            }
            return Files.readAllBytes(p);
        } finally {
            Sys.close(fd);
        }
    }
}
