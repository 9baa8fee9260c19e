package io.berth.engine.runtime;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Docker's detach keys ({@code --detach-keys}, default ctrl-p ctrl-q): parsing as moby/term's
 * {@code ToBytes} ("ctrl-p,ctrl-q", "a,ctrl-@"), and a scanner over a TTY session's stdin that recognises
 * the sequence as moby/term's escape proxy does: bytes that may start the sequence are held back, released
 * when the next byte does not continue it, and dropped when the whole sequence arrived (the client detaches).
 */
public final class DetachKeys {
    /** ctrl-p ctrl-q. */
    public static final byte[] DEFAULT = {16, 17};

    private DetachKeys() {
    }

    /**
     * @param keys comma-separated keys: a single character, or "ctrl-" and one of a-z @ [ \ ] ^ _
     * @return the bytes (empty for "")
     * @throws IllegalArgumentException "Unknown character: '<key>'" for anything else
     */
    public static byte[] parse(String keys) {
        if (keys == null || keys.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : keys.split(",")) {
            if (key.length() == 1) {
                out.write(key.charAt(0));
            } else if (key.length() == 6 && key.toLowerCase(java.util.Locale.ROOT).startsWith("ctrl-")) {
                char c = Character.toLowerCase(key.charAt(5));
                if (c >= 'a' && c <= 'z') {
                    out.write(c - 'a' + 1);
                } else if (c == '@') {
                    out.write(0);
                } else if (c >= '[' && c <= '_') {
                    out.write(c - '[' + 27);
                } else {
                    throw new IllegalArgumentException("Unknown character: '" + key + "'");
                }
            } else {
                throw new IllegalArgumentException("Unknown character: '" + key + "'");
            }
        }
        return out.toByteArray();
    }

    /** Scans one session's stdin for the sequence. Not thread-safe: one caller at a time. */
    public static final class Scanner {
        private final byte[] keys;
        private int matched;

        /** @param keys the sequence (empty: {@link #DEFAULT}) */
        public Scanner(byte[] keys) {
            this.keys = keys.length == 0 ? DEFAULT.clone() : keys.clone();
        }

        /**
         * @param in bytes from the client
         * @param forward receives the bytes to pass on to the process
         * @return true if the sequence is complete: the client detaches, bytes after it are dropped
         */
        public boolean feed(byte[] in, ByteArrayOutputStream forward) {
            for (byte b : in) {
                if (b == keys[matched]) {
                    matched++;
                    if (matched == keys.length) {
                        matched = 0;
                        return true;
                    }
                    continue;
                }
                if (matched > 0) {
                    forward.write(keys, 0, matched);
                    matched = 0;
                }
                if (b == keys[0]) {
                    matched = 1;
                    if (keys.length == 1) {
                        matched = 0;
                        return true;
                    }
                } else {
                    forward.write(b);
                }
            }
            return false;
        }

        /** @return the sequence scanned for */
        public byte[] keys() {
            return Arrays.copyOf(keys, keys.length);
        }
    }
}
