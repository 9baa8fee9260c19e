package io.berth.engine.archive;

/**
 * Unix {@code st_mode} as Go's {@code os.FileMode} bits, which Docker's {@code ContainerPathStat.mode}
 * carries (the CLI tests {@code mode & ModeSymlink} and {@code mode.IsDir()}): permission bits stay, the file
 * type and setuid/setgid/sticky move to the high bits Go's {@code io/fs} defines.
 */
public final class GoFileMode {
    /** Go's ModeDir. */
    public static final long DIR = 1L << 31;
    /** Go's ModeSymlink. */
    public static final long SYMLINK = 1L << 27;
    /** Go's ModeDevice. */
    public static final long DEVICE = 1L << 26;
    /** Go's ModeNamedPipe. */
    public static final long NAMED_PIPE = 1L << 25;
    /** Go's ModeSocket. */
    public static final long SOCKET = 1L << 24;
    /** Go's ModeSetuid. */
    public static final long SETUID = 1L << 23;
    /** Go's ModeSetgid. */
    public static final long SETGID = 1L << 22;
    /** Go's ModeCharDevice. */
    public static final long CHAR_DEVICE = 1L << 21;
    /** Go's ModeSticky. */
    public static final long STICKY = 1L << 20;

    private static final int S_IFMT = 0170000;

    private GoFileMode() {
    }

    /**
     * @param unixMode {@code st_mode} (type and permission bits)
     * @return the Go FileMode, as an unsigned 32-bit value in a long
     */
    public static long of(int unixMode) {
        long m = unixMode & 0777;
        switch (unixMode & S_IFMT) {
            case 0040000 -> m |= DIR;
            case 0120000 -> m |= SYMLINK;
            case 0060000 -> m |= DEVICE;
            case 0020000 -> m |= DEVICE | CHAR_DEVICE;
            case 0010000 -> m |= NAMED_PIPE;
            case 0140000 -> m |= SOCKET;
            default -> { }
        }
        if ((unixMode & 04000) != 0) {
            m |= SETUID;
        }
        if ((unixMode & 02000) != 0) {
            m |= SETGID;
        }
        if ((unixMode & 01000) != 0) {
            m |= STICKY;
        }
        return m;
    }
}
