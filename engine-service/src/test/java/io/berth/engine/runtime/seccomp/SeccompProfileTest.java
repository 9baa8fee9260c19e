package io.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    private static final SeccompProfile.Host AMD64 = SeccompHost.of("amd64", "6.1.0-18-amd64");
    private static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_KILL", "CAP_SETUID");

    /** @return every syscall the spec allows without argument conditions */
    private static List<String> allowed(JsonNode seccomp) {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : seccomp.get("syscalls")) {
            if (rule.get("action").asText().equals("SCMP_ACT_ALLOW") && !rule.has("args")) {
                rule.get("names").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    @Test
    void defaultProfile_onAmd64_withoutSysAdmin() {
        JsonNode s = DefaultSeccompProfile.profile().toRuntimeSpec(AMD64, DEFAULT_CAPS);
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
                List.of(s.at("/architectures/0").asText(), s.at("/architectures/1").asText(),
                        s.at("/architectures/2").asText()));
        List<String> allowed = allowed(s);
        assertTrue(allowed.containsAll(List.of("read", "write", "execve", "arch_prctl", "ptrace")), allowed.toString());
        assertFalse(allowed.contains("mount"));
        assertFalse(allowed.contains("unshare"));
        assertFalse(allowed.contains("reboot"));
        assertFalse(allowed.contains("s390_runtime_instr"));
        String json = s.toString();
        assertTrue(json.contains("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,"
                + "\"value\":2114060288,\"valueTwo\":0,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}"), json);
        assertTrue(json.contains("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}"), json);
        assertTrue(json.contains("\"value\":4294967295"), "personality query");
    }

    @Test
    void defaultProfile_withSysAdmin_allowsMountAndClone3_oldKernelNoPtrace() {
        List<String> caps = List.of("CAP_SYS_ADMIN");
        JsonNode s = DefaultSeccompProfile.profile().toRuntimeSpec(SeccompHost.of("amd64", "4.4.0"), caps);
        List<String> allowed = allowed(s);
        assertTrue(allowed.containsAll(List.of("mount", "unshare", "clone3", "setns")));
        assertFalse(allowed.contains("ptrace"), "ptrace needs 4.8 or CAP_SYS_PTRACE");
        assertFalse(s.toString().contains("\"errnoRet\":38"));
    }

    @Test
    void customProfile_legacyNameAndArchitectures_andRefusals() {
        SeccompProfile p = SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":"
                + "[\"SCMP_ARCH_X86_64\"],\"syscalls\":[{\"name\":\"chmod\",\"action\":\"SCMP_ACT_ERRNO\"}],"
                + "\"unknownField\":1}");
        JsonNode s = p.toRuntimeSpec(AMD64, DEFAULT_CAPS);
        assertEquals("[\"SCMP_ARCH_X86_64\"]", s.get("architectures").toString());
        assertEquals("chmod", s.at("/syscalls/0/names/0").asText());
        assertThrows(InvalidArgumentException.class, () -> SeccompProfile.parse("{not json"));
        SeccompProfile both = SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":"
                + "[{\"name\":\"a\",\"names\":[\"b\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
        assertThrows(InvalidArgumentException.class, () -> both.toRuntimeSpec(AMD64, DEFAULT_CAPS));
    }
}
