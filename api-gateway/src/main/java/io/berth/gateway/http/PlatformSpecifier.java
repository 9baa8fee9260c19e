package io.berth.gateway.http;

import io.berth.common.errors.InvalidArgumentException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code platform} query parameter of API 1.41 ({@code POST /containers/create?platform=},
 * {@code POST /images/create?platform=}): an OCI platform specifier {@code os[/arch[/variant]]} parsed as
 * containerd's {@code platforms.Parse} does, which dockerd 20.10 calls and answers 400 with its error text.
 */
public final class PlatformSpecifier {
    private static final Pattern COMPONENT = Pattern.compile("^[A-Za-z0-9_-]+$");
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd",
            "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows",
            "zos");
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
            "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
            "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm", "aarch64",
            "armhf", "armel", "i386", "x86_64", "x86-64");

    /** A parsed specifier; empty strings for parts not given. */
    public record Platform(String os, String architecture, String variant) {
    }

    private PlatformSpecifier() {
    }

    /**
     * @param specifier e.g. {@code linux}, {@code linux/amd64}, {@code linux/arm/v7}, {@code amd64}
     * @return the platform (an architecture alone means linux, as containerd assumes the host's OS)
     * @throws InvalidArgumentException 400 with containerd's text, e.g.
     *     {@code "" is an invalid component of "bogus///": platform specifier component must match
     *     "^[A-Za-z0-9_-]+$": invalid argument}
     */
    public static Platform parse(String specifier) {
        if (specifier.contains("*")) {
            throw invalid(quote(specifier) + ": wildcards not yet supported");
        }
        String[] parts = specifier.split("/", -1);
        for (String part : parts) {
            if (!COMPONENT.matcher(part).matches()) {
                throw invalid(quote(part) + " is an invalid component of " + quote(specifier)
                        + ": platform specifier component must match " + quote(COMPONENT.pattern()));
            }
        }
        String first = parts[0].toLowerCase(Locale.ROOT);
        switch (parts.length) {
            case 1:
                if (KNOWN_OS.contains(first)) {
                    return new Platform(first, "", "");
                }
                if (KNOWN_ARCH.contains(first)) {
                    return new Platform("linux", first, "");
                }
                throw invalid(quote(specifier) + ": unknown operating system or architecture");
            case 2:
            case 3:
                if (!KNOWN_OS.contains(first)) {
                    throw invalid(quote(specifier) + ": unknown operating system or architecture");
                }
                String arch = parts[1].toLowerCase(Locale.ROOT);
                if (!KNOWN_ARCH.contains(arch)) {
                    throw invalid(quote(specifier) + ": unknown operating system or architecture");
                }
                return new Platform(first, arch, parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "");
            default:
                throw invalid(quote(specifier) + ": cannot parse platform specifier");
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static InvalidArgumentException invalid(String message) {
        return new InvalidArgumentException(message + ": invalid argument");
    }
}
