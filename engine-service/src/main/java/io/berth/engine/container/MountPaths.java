package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks and cleans the container path of a bind, volume or tmpfs mount as dockerd does (moby
 * volume/mounts/linux_parser.go: the target must be absolute and must not be "/").
 */
public final class MountPaths {
    private MountPaths() {
    }

    /**
     * @param type the mount type ("bind", "volume", "tmpfs"), for the message
     * @param target the container path as given
     * @param prefix text put before the message ("" for none)
     * @return the cleaned absolute path ("/x/../y/" becomes "/y")
     * @throws InvalidArgumentException "invalid mount config for type "bind": ..." texts
     */
    public static String checkTarget(String type, String target, String prefix) {
        if (target.isEmpty()) {
            throw invalid(prefix, type, "field Target must not be empty");
        }
        if (!target.startsWith("/")) {
            throw invalid(prefix, type, "invalid mount path: '" + target + "' mount path must be absolute");
        }
        String clean;
        try {
            clean = Path.of(target).normalize().toString();
        } catch (InvalidPathException e) {
            throw invalid(prefix, type, "invalid mount path: '" + target + "'");
        }
        if (clean.equals("/")) {
            throw new InvalidArgumentException(prefix + "invalid specification: destination can't be '/'");
        }
        return clean;
    }

    private static InvalidArgumentException invalid(String prefix, String type, String why) {
        return new InvalidArgumentException(prefix + "invalid mount config for type \"" + type + "\": " + why);
    }
}
