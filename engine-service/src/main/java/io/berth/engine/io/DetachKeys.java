package io.berth.engine.io;

import io.berth.common.errors.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Docker's detach keys (the {@code detachKeys} query of attach and exec start, Engine API 1.41; the CLI's
 * {@code --detach-keys}): a comma-separated list of keys, each a single character, {@code ctrl-@},
 * {@code ctrl-a} ... {@code ctrl-z}, {@code ctrl-[}, {@code ctrl-\}, {@code ctrl-]}, {@code ctrl-^},
 * {@code ctrl-_} (bytes 0 to 31) or {@code DEL} (127), parsed as dockerd 20.10 does (moby/term's
 * {@code ToBytes}); the default is ctrl-p ctrl-q. Only a TTY's stdin is scanned for them, with
 * {@link Scanner}. Immutable.
 */
public final class DetachKeys {
    /** ctrl-p ctrl-q, what an empty spec means. */
    public static final DetachKeys DEFAULT = new DetachKeys(new byte[] {16, 17});

    private static final String[] CONTROL = {
        "ctrl-@", "ctrl-a", "ctrl-b", "ctrl-c", "ctrl-d", "ctrl-e", "ctrl-f", "ctrl-g", "ctrl-h", "ctrl-i",
        "ctrl-j", "ctrl-k", "ctrl-l", "ctrl-m", "ctrl-n", "ctrl-o", "ctrl-p", "ctrl-q", "ctrl-r", "ctrl-s",
        "ctrl-t", "ctrl-u", "ctrl-v", "ctrl-w", "ctrl-x", "ctrl-y", "ctrl-z", "ctrl-[", "ctrl-\\", "ctrl-]",
        "ctrl-^", "ctrl-_",
    };

    private final byte[] sequence;

    private DetachKeys(byte[] sequence) {
        this.sequence = sequence;
    }

    /**
     * Parses a spec as dockerd does: keys are split at every comma (so {@code ","} alone is two empty keys
     * and invalid), a one-byte key is that byte, names are case-sensitive.
     *
     * @param spec the spec, e.g. {@code "ctrl-p,ctrl-q"} or {@code "a,ctrl-x"}; null or empty = {@link #DEFAULT}
     * @return the keys
     * @throws InvalidArgumentException dockerd's {@code Invalid detach keys (<spec>) provided}
     */
    public static DetachKeys parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return DEFAULT;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : spec.split(",", -1)) {
            byte[] utf8 = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (utf8.length == 1) {
                out.write(utf8[0]);
                continue;
            }
            int code = Arrays.asList(CONTROL).indexOf(key);
            if (code >= 0) {
                out.write(code);
            } else if (key.equals("DEL")) {
                out.write(127);
            } else {
                throw new InvalidArgumentException("Invalid detach keys (" + spec + ") provided");
            }
        }
        return new DetachKeys(out.toByteArray());
    }

    /** @return the key bytes in order (a copy) */
    /**
     * @param sequence an already parsed sequence, as {@link #sequence()} returned it (an exec's stored keys)
     * @return its keys; {@link #DEFAULT} for an empty sequence (none given: ctrl-p ctrl-q, as dockerd)
     */
    public static DetachKeys of(byte[] sequence) {
        return sequence == null || sequence.length == 0 ? DEFAULT : new DetachKeys(sequence.clone());
    }

    public byte[] sequence() {
        return sequence.clone();
    }

    /** @return a new scanner for one stdin stream */
    public Scanner scanner() {
        return new Scanner(sequence);
    }

    /**
     * What one chunk of stdin gave.
     *
     * @param forward the bytes to pass on to the process (the sequence and a held-back prefix of it are not)
     * @param detached true if the chunk completed the sequence: the client detaches, the bytes after it are
     *     dropped
     */
    public record Result(byte[] forward, boolean detached) {
    }

    /**
     * Scans one stdin stream for the sequence, across chunk boundaries, as dockerd's escape proxy does: bytes
     * that may start the sequence are held back; when the next byte does not continue it, the held bytes
     * and that byte are passed on (that byte is not tried as a new start). Not thread-safe.
     */
    public static final class Scanner {
        private final byte[] keys;
        private int matched;
        private boolean detached;

        private Scanner(byte[] keys) {
            this.keys = keys;
        }

        /**
         * @param chunk the next bytes the client sent
         * @return what to forward, and whether the client detached (after which every chunk forwards nothing)
         */
        public Result scan(byte[] chunk) {
            if (detached) {
                return new Result(new byte[0], true);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + matched);
            for (byte b : chunk) {
                if (b == keys[matched]) {
                    if (++matched == keys.length) {
                        detached = true;
                        return new Result(out.toByteArray(), true);
                    }
                    continue;
                }
                out.write(keys, 0, matched);
                matched = 0;
                out.write(b);
            }
            return new Result(out.toByteArray(), false);
        }
    }
}
