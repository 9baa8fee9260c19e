package io.berth.engine.runtime.seccomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link SeccompProfile.Host} this engine runs on: the JVM's {@code os.arch} in Go's and libseccomp's
 * names, and the kernel release of {@code /proc/sys/kernel/osrelease}.
 */
public final class SeccompHost {
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    private SeccompHost() {
    }

    /** @return this host (kernel 0.0 when the release cannot be read, so no minKernel rule applies) */
    public static SeccompProfile.Host detect() {
        String arch = System.getProperty("os.arch");
        String release = "";
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            // no kernel version known
        }
        return of(arch, release);
    }

    /**
     * @param javaArch the JVM's {@code os.arch} ("amd64", "aarch64", "s390x", "riscv64", "ppc64le")
     * @param kernelRelease {@code uname -r} ("6.1.0-18-amd64")
     * @return the host
     */
    static SeccompProfile.Host of(String javaArch, String kernelRelease) {
        Matcher m = RELEASE.matcher(kernelRelease);
        int major = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int minor = major > 0 ? Integer.parseInt(m.group(2)) : 0;
        return switch (javaArch) {
            case "amd64", "x86_64" -> new SeccompProfile.Host("amd64", "SCMP_ARCH_X86_64", major, minor);
            case "aarch64", "arm64" -> new SeccompProfile.Host("arm64", "SCMP_ARCH_AARCH64", major, minor);
            case "s390x" -> new SeccompProfile.Host("s390x", "SCMP_ARCH_S390X", major, minor);
            case "riscv64" -> new SeccompProfile.Host("riscv64", "SCMP_ARCH_RISCV64", major, minor);
            case "ppc64le" -> new SeccompProfile.Host("ppc64le", "SCMP_ARCH_PPC64LE", major, minor);
            default -> new SeccompProfile.Host(javaArch, "SCMP_ARCH_NATIVE", major, minor);
        };
    }
}
