package io.berth.engine.container;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Container IDs as dockerd makes them: 32 random bytes in lowercase hex, never all digits. */
public final class ContainerIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContainerIds() {
    }

    /** @return a new 64-hex-digit ID whose 12-digit short form is not all digits */
    public static String generate() {
        while (true) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            // dockerd rejects short IDs that parse as numbers (they could be mistaken for PIDs etc.)
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }

    /**
     * @param s any string (a snapshot key, a directory name)
     * @return true if it has the form of a full container ID: 64 lowercase hex digits
     */
    public static boolean isFullId(String s) {
        return s.length() == 64 && s.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    }

    /**
     * @param id a full ID
     * @return its first 12 digits (the short ID, and the default hostname)
     */
    public static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
