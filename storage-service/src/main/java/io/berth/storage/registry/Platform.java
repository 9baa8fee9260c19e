package io.berth.storage.registry;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/**
 * An OCI platform (image-spec image-index.md "platform"; containerd's {@code platforms.Platform}).
 *
 * @param os e.g. {@code linux}
 * @param architecture GOARCH, e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, or empty
 * @param osVersion e.g. a Windows build, or empty
 * @param osFeatures e.g. {@code win32k}, or empty
 */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {
    /** Normalizes nulls to empty values. */
    public Platform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    /** @return linux and this JVM's architecture in Go's names ({@code amd64}, {@code arm64}, ...) */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String goArch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            default -> arch;
        };
        return new Platform("linux", goArch, "", "", List.of());
    }

    /**
     * Parses Docker's {@code platform} parameter, {@code os[/arch[/variant]]} (containerd platforms.Parse,
     * reduced: the OS is required; a missing architecture is the host's).
     *
     * @param text e.g. {@code linux/arm64/v8}; empty means {@link #host()}
     * @return the platform
     * @throws InvalidArgumentException for more than three parts or an empty part
     */
    public static Platform parse(String text) {
        if (text == null || text.isEmpty()) {
            return host();
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 3 || List.of(parts).contains("")) {
            throw new InvalidArgumentException("\"" + text + "\": unknown operating system or architecture: "
                    + "invalid argument");
        }
        String arch = parts.length > 1 ? parts[1] : host().architecture();
        String variant = parts.length > 2 ? parts[2] : "";
        if (arch.equals("aarch64")) {
            arch = "arm64";
        } else if (arch.equals("x86_64")) {
            arch = "amd64";
        }
        return new Platform(parts[0], arch, variant, "", List.of());
    }

    /**
     * @param candidate a platform from an index
     * @return true if {@code candidate} runs here: same OS and architecture, and the same variant when this
     *     platform names one (arm64's variant defaults to v8 as containerd's normalization does)
     */
    public boolean matches(Platform candidate) {
        if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant.isEmpty()) {
            return true;
        }
        String theirs = candidate.variant.isEmpty() && architecture.equals("arm64") ? "v8" : candidate.variant;
        return variant.equals(theirs);
    }

    /** @return {@code os/arch[/variant]} as Docker prints it */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
