package io.berth.common.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories only root may enter, as dockerd keeps its state: a container's directory and its bundle 0700, the
 * data root 0710, the exec root 0700. The mode is set on the directory whether it is new or already there (an older
 * berth made them 0755), never on its parents.
 */
public final class PrivateDirs {
    /** rwx------ */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** rwx--x--- : the group may traverse (dockerd's data root, 0710). */
    public static final Set<PosixFilePermission> OWNER_GROUP_TRAVERSE = PosixFilePermissions.fromString("rwx--x---");

    private PrivateDirs() {
    }

    /**
     * Creates {@code dir} (and missing parents, with the default mode) and makes it 0700.
     *
     * @param dir the directory
     * @throws IOException if it cannot be created or its mode set
     */
    public static void create(Path dir) throws IOException {
        create(dir, OWNER_ONLY);
    }

    /**
     * Creates {@code dir} (and missing parents, with the default mode) and sets its mode.
     *
     * @param dir the directory
     * @param mode its mode
     * @throws IOException if it cannot be created or its mode set
     */
    public static void create(Path dir, Set<PosixFilePermission> mode) throws IOException {
        Files.createDirectories(dir);
        if (!Files.getPosixFilePermissions(dir).equals(mode)) {
            Files.setPosixFilePermissions(dir, mode);
        }
    }
}
