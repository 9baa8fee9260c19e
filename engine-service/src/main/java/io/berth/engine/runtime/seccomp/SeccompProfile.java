package io.berth.engine.runtime.seccomp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

/**
 * A seccomp profile in Docker's format (the JSON of {@code docker run --security-opt seccomp=profile.json},
 * which the CLI sends as the file's text; moby profiles/seccomp {@code Seccomp}): a default action, an
 * {@code archMap} (or the legacy {@code architectures}) and syscall rules that apply only for some
 * architectures, capabilities or kernels ({@code includes}/{@code excludes}). {@link #toRuntimeSpec} turns
 * it into the OCI runtime spec's {@code linux.seccomp} (config-linux.md#seccomp) for one container, as
 * dockerd 20.10 does (moby profiles/seccomp {@code setupSeccomp}): the native architecture and its
 * sub-architectures, and the rules whose conditions the container's capabilities and the host's kernel meet.
 *
 * @param defaultAction "SCMP_ACT_ERRNO", "SCMP_ACT_ALLOW", ...
 * @param defaultErrnoRet the errno of the default action (null: the runtime's, EPERM)
 * @param architectures legacy list of SCMP_ARCH_* names (excludes archMap)
 * @param archMap per native architecture, the sub-architectures to allow too
 * @param syscalls the rules, in order
 */
public record SeccompProfile(
        @JsonProperty("defaultAction") String defaultAction,
        @JsonProperty("defaultErrnoRet") Long defaultErrnoRet,
        @JsonProperty("architectures") List<String> architectures,
        @JsonProperty("archMap") List<ArchMap> archMap,
        @JsonProperty("syscalls") List<Rule> syscalls) {

    /**
     * @param architecture SCMP_ARCH_* of the native architecture
     * @param subArchitectures SCMP_ARCH_* of the others it runs (x86 and x32 on x86_64)
     */
    public record ArchMap(@JsonProperty("architecture") String architecture,
                          @JsonProperty("subArchitectures") List<String> subArchitectures) {
    }

    /**
     * One syscall rule.
     *
     * @param name one syscall (legacy; excludes names)
     * @param names the syscalls
     * @param action SCMP_ACT_*
     * @param errnoRet the errno for SCMP_ACT_ERRNO (null: the runtime's)
     * @param args argument conditions
     * @param includes the rule applies only if all of these hold
     * @param excludes the rule does not apply if any of these holds
     */
    public record Rule(@JsonProperty("name") String name,
                       @JsonProperty("names") List<String> names,
                       @JsonProperty("action") String action,
                       @JsonProperty("errnoRet") Long errnoRet,
                       @JsonProperty("args") List<Arg> args,
                       @JsonProperty("includes") Filter includes,
                       @JsonProperty("excludes") Filter excludes) {
    }

    /**
     * One argument condition (OCI {@code LinuxSeccompArg}).
     *
     * @param index the argument, 0-5
     * @param value the value compared (unsigned 64 bits)
     * @param valueTwo the second value (SCMP_CMP_MASKED_EQ)
     * @param op SCMP_CMP_*
     */
    public record Arg(@JsonProperty("index") int index,
                      @JsonProperty("value") BigInteger value,
                      @JsonProperty("valueTwo") BigInteger valueTwo,
                      @JsonProperty("op") String op) {
    }

    /**
     * A rule's condition.
     *
     * @param arches Go architecture names ("amd64", "arm64", "s390x")
     * @param caps capability names ("CAP_SYS_ADMIN")
     * @param minKernel "4.8"
     */
    public record Filter(@JsonProperty("arches") List<String> arches,
                         @JsonProperty("caps") List<String> caps,
                         @JsonProperty("minKernel") String minKernel) {
    }

    /**
     * The host a profile is applied for.
     *
     * @param goArch Go's name of the native architecture ("amd64", "arm64")
     * @param scmpArch its SCMP_ARCH_* name
     * @param kernelMajor the kernel's major version
     * @param kernelMinor the kernel's minor version
     */
    public record Host(String goArch, String scmpArch, int kernelMajor, int kernelMinor) {
    }

    /**
     * @param json a profile in Docker's format, as the docker CLI sends it
     * @return the profile
     * @throws InvalidArgumentException "Decoding seccomp profile failed: ..." for JSON that is not a profile
     */
    public static SeccompProfile parse(String json) {
        try {
            SeccompProfile p = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json, SeccompProfile.class);
            if (p == null) {
                throw new InvalidArgumentException("Decoding seccomp profile failed: empty profile");
            }
            return p;
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("Decoding seccomp profile failed: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException("Decoding seccomp profile failed: " + e.getMessage());
        }
    }

    /**
     * @param host the host's architecture and kernel
     * @param capabilities the container's capabilities ("CAP_CHOWN", ...)
     * @return {@code linux.seccomp} of the runtime spec
     * @throws InvalidArgumentException for a profile dockerd refuses (both name and names, both
     *     architectures and archMap)
     */
    public ObjectNode toRuntimeSpec(Host host, Collection<String> capabilities) {
        if (architectures != null && !architectures.isEmpty() && archMap != null && !archMap.isEmpty()) {
            throw new InvalidArgumentException("'architectures' and 'archMap' were specified in the seccomp profile,"
                    + " use either 'architectures' or 'archMap'");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("defaultAction", defaultAction == null ? "" : defaultAction);
        if (defaultErrnoRet != null) {
            out.put("defaultErrnoRet", defaultErrnoRet);
        }
        ArrayNode arches = out.putArray("architectures");
        if (architectures != null) {
            architectures.forEach(arches::add);
        }
        for (ArchMap a : archMap == null ? List.<ArchMap>of() : archMap) {
            if (host.scmpArch().equals(a.architecture())) {
                arches.add(a.architecture());
                if (a.subArchitectures() != null) {
                    a.subArchitectures().forEach(arches::add);
                }
            }
        }
        ArrayNode calls = out.putArray("syscalls");
        for (Rule r : syscalls == null ? List.<Rule>of() : syscalls) {
            if (r.name() != null && !r.name().isEmpty() && r.names() != null && !r.names().isEmpty()) {
                throw new InvalidArgumentException("'name' and 'names' were specified in the seccomp profile,"
                        + " use either 'name' or 'names'");
            }
            if (!applies(r, host, capabilities)) {
                continue;
            }
            ObjectNode c = calls.addObject();
            ArrayNode names = c.putArray("names");
            List<String> n = r.names() != null && !r.names().isEmpty() ? r.names()
                    : r.name() != null ? List.of(r.name()) : List.of();
            n.forEach(names::add);
            c.put("action", r.action() == null ? "" : r.action());
            if (r.errnoRet() != null) {
                c.put("errnoRet", r.errnoRet());
            }
            if (r.args() != null && !r.args().isEmpty()) {
                ArrayNode args = c.putArray("args");
                for (Arg a : r.args()) {
                    args.addObject().put("index", a.index())
                            .put("value", a.value() == null ? BigInteger.ZERO : a.value())
                            .put("valueTwo", a.valueTwo() == null ? BigInteger.ZERO : a.valueTwo())
                            .put("op", a.op() == null ? "" : a.op());
                }
            }
        }
        return out;
    }

    /** moby's filter: includes must all hold, excludes must all fail. */
    static boolean applies(Rule r, Host host, Collection<String> caps) {
        Filter in = r.includes();
        if (in != null) {
            if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(host.goArch())) {
                return false;
            }
            if (in.caps() != null && !caps.containsAll(in.caps())) {
                return false;
            }
            if (in.minKernel() != null && !in.minKernel().isEmpty() && !kernelAtLeast(host, in.minKernel())) {
                return false;
            }
        }
        Filter ex = r.excludes();
        if (ex != null) {
            if (ex.arches() != null && ex.arches().contains(host.goArch())) {
                return false;
            }
            if (ex.caps() != null && ex.caps().stream().anyMatch(caps::contains)) {
                return false;
            }
            if (ex.minKernel() != null && !ex.minKernel().isEmpty() && kernelAtLeast(host, ex.minKernel())) {
                return false;
            }
        }
        return true;
    }

    private static boolean kernelAtLeast(Host host, String version) {
        String[] p = version.split("\\.");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return host.kernelMajor() > major || host.kernelMajor() == major && host.kernelMinor() >= minor;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid kernel version " + version + " in the seccomp profile");
        }
    }
}
