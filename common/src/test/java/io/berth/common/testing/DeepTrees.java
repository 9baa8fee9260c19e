package io.berth.common.testing;

import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Makes directory trees deeper than PATH_MAX (4096 bytes) the way only a descriptor walk can (mkdirat(2)
 * from each new directory's descriptor): what a hostile layer or an interrupted write may leave behind, for
 * tests of start-up clean-up.
 */
public final class DeepTrees {
    private static final int O_CREAT_WRONLY = 0100 | 01;

    private DeepTrees() {
    }

    /**
     * Creates {@code depth} nested directories named {@code name} below {@code top}.
     *
     * @param top an existing directory
     * @param name each directory's name (at most 255 bytes)
     * @param depth how many levels
     * @param fileInEach also create an empty file {@code file} in each new directory's parent
     */
    public static void nest(Path top, String name, int depth, boolean fileInEach) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] f = "file\0".getBytes(StandardCharsets.UTF_8);
        int fd = LibC.INSTANCE.openat(LibC.AT_FDCWD, Sys.cPath(top), LibC.O_RDONLY | (int) LibC.O_DIRECTORY, 0);
        for (int i = 0; i < depth; i++) {
            LibC.INSTANCE.mkdirat(fd, n, 0755);
            if (fileInEach) {
                Sys.close(LibC.INSTANCE.openat(fd, f, O_CREAT_WRONLY, 0644));
            }
            int next = LibC.INSTANCE.openat(fd, n, LibC.O_RDONLY | (int) LibC.O_DIRECTORY, 0);
            Sys.close(fd);
            fd = next;
        }
        Sys.close(fd);
    }
}
