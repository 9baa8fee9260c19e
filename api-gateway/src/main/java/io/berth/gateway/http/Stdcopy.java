package io.berth.gateway.http;

/**
 * Docker's stream multiplexing for non-TTY attach and logs bodies (Docker Engine API 1.41, "Stream format"
 * of {@code /containers/{id}/attach}; moby {@code pkg/stdcopy}): each frame is an 8-byte header
 * {@code [stream, 0, 0, 0, size as uint32 big-endian]} followed by {@code size} bytes of payload.
 * Stream 0 = stdin, 1 = stdout, 2 = stderr, 3 = system error.
 */
public final class Stdcopy {
    /** Frame stream id of stdin. */
    public static final int STDIN = 0;
    /** Frame stream id of stdout. */
    public static final int STDOUT = 1;
    /** Frame stream id of stderr. */
    public static final int STDERR = 2;
    /** Frame stream id of a daemon error message. */
    public static final int SYSTEM_ERROR = 3;

    private Stdcopy() {
    }

    /**
     * @param stream the stream id (0..3)
     * @param payload the bytes
     * @return header plus payload
     */
    public static byte[] frame(int stream, byte[] payload) {
        byte[] out = new byte[8 + payload.length];
        out[0] = (byte) stream;
        int n = payload.length;
        out[4] = (byte) (n >>> 24);
        out[5] = (byte) (n >>> 16);
        out[6] = (byte) (n >>> 8);
        out[7] = (byte) n;
        System.arraycopy(payload, 0, out, 8, n);
        return out;
    }
}
