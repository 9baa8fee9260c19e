package io.berth.engine.volume;

import io.berth.common.errors.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Volume names as dockerd's local driver accepts them (moby volume/local/local.go {@code validateName},
 * daemon/names {@code RestrictedNamePattern}) and the names of anonymous volumes (64 random hex digits, moby
 * pkg/stringid {@code GenerateRandomID}).
 */
public final class VolumeNames {
    /** dockerd's RestrictedNameChars, quoted in its message. */
    static final String CHARS = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
    private static final Pattern NAME = Pattern.compile("^" + CHARS + "+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VolumeNames() {
    }

    /**
     * @param name a volume name
     * @throws InvalidArgumentException dockerd's texts, prefixed with "create &lt;name&gt;: "
     */
    public static void check(String name) {
        if (name.length() == 1) {
            throw new InvalidArgumentException("create " + name
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("create " + name + ": \"" + name + "\" includes invalid characters"
                    + " for a local volume name, only \"" + CHARS + "\" are allowed. If you intended to pass a host"
                    + " directory, use absolute path");
        }
    }

    /** @return a new anonymous volume name: 64 hex digits */
    public static String anonymous() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
