package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.runtime.seccomp.SeccompProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's {@code HostConfig.SecurityOpt}, parsed as dockerd 20.10 parses it (moby daemon/daemon_unix.go
 * {@code parseSecurityOpt}): {@code no-new-privileges} (or {@code no-new-privileges=<bool>}),
 * {@code seccomp=unconfined}, {@code seccomp=<profile JSON>} (the docker CLI sends the profile file's
 * text), {@code apparmor=<profile>}, {@code label=<opt>}; {@code key:value} is the deprecated spelling of
 * {@code key=value}. berth applies no AppArmor profile and no SELinux label: {@code apparmor=unconfined} and
 * {@code label=disable} (what they would mean anyway) are accepted, any other is refused: 400 when the host
 * does not have AppArmor/SELinux enabled (nothing could honour it), 501 when it does.
 *
 * @param noNewPrivileges process.noNewPrivileges
 * @param seccompUnconfined no seccomp filter
 * @param seccompProfile the custom profile (null: Docker's default, unless unconfined)
 */
public record SecurityOptions(boolean noNewPrivileges, boolean seccompUnconfined, SeccompProfile seccompProfile) {

    /**
     * @param opts SecurityOpt
     * @return the parsed options
     * @throws InvalidArgumentException dockerd's "invalid --security-opt 1: ..." / "... 2: ...", a profile
     *     that is not JSON, AppArmor or SELinux options on a host without them
     * @throws NotImplementedException AppArmor or SELinux options on a host that has them
     */
    public static SecurityOptions parse(List<String> opts) {
        boolean nnp = false;
        boolean unconfined = false;
        SeccompProfile profile = null;
        for (String opt : opts) {
            if (opt.equals("no-new-privileges")) {
                nnp = true;
                continue;
            }
            if (opt.equals("disable")) {
                continue; // label disable
            }
            String[] kv = opt.contains("=") ? opt.split("=", 2) : opt.contains(":") ? opt.split(":", 2)
                    : new String[] {opt};
            if (kv.length != 2) {
                throw new InvalidArgumentException("invalid --security-opt 1: " + quote(opt));
            }
            switch (kv[0]) {
                case "no-new-privileges" -> nnp = parseBool(kv[1], opt);
                case "seccomp" -> {
                    unconfined = kv[1].equals("unconfined");
                    profile = unconfined ? null : SeccompProfile.parse(kv[1]);
                }
                case "apparmor" -> apparmor(kv[1]);
                case "label" -> label(kv[1]);
                default -> throw new InvalidArgumentException("invalid --security-opt 2: " + quote(opt));
            }
        }
        return new SecurityOptions(nnp, unconfined, profile);
    }

    private static boolean parseBool(String v, String opt) {
        return switch (v) { // Go's strconv.ParseBool
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new InvalidArgumentException("invalid --security-opt 2: " + quote(opt));
        };
    }

    private static void apparmor(String profile) {
        if (profile.equals("unconfined")) {
            return;
        }
        if (!enabled(Path.of("/sys/module/apparmor/parameters/enabled"))) {
            throw new InvalidArgumentException("AppArmor is not enabled on this host: cannot apply the AppArmor"
                    + " profile \"" + profile + "\" (--security-opt apparmor=" + profile + ")");
        }
        throw new NotImplementedException("berth does not apply AppArmor profiles yet (--security-opt apparmor="
                + profile + ")");
    }

    private static void label(String opt) {
        if (opt.equals("disable")) {
            return;
        }
        if (!Files.exists(Path.of("/sys/fs/selinux/enforce"))) {
            throw new InvalidArgumentException("SELinux is not enabled on this host: cannot apply --security-opt"
                    + " label=" + opt);
        }
        throw new NotImplementedException("berth does not apply SELinux labels yet (--security-opt label=" + opt
                + ")");
    }

    private static boolean enabled(Path flag) {
        try {
            return Files.readString(flag).trim().startsWith("Y");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** @return Go's %q of a string (quotes, backslash escapes) */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
