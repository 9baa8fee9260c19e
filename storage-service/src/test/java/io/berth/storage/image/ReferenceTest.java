package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
    @ParameterizedTest
    @CsvSource({
        "busybox, docker.io/library/busybox, busybox:latest",
        "busybox:1.35, docker.io/library/busybox:1.35, busybox:1.35",
        "library/busybox, docker.io/library/busybox, busybox:latest",
        "docker.io/library/busybox:latest, docker.io/library/busybox:latest, busybox:latest",
        "index.docker.io/library/busybox, docker.io/library/busybox, busybox:latest",
        "docker.io/busybox, docker.io/library/busybox, busybox:latest",
        "fixture/busybox:1, docker.io/fixture/busybox:1, fixture/busybox:1",
        "127.0.0.1:5000/capbb:pushed, 127.0.0.1:5000/capbb:pushed, 127.0.0.1:5000/capbb:pushed",
        "localhost/fixture/busybox:1, localhost/fixture/busybox:1, localhost/fixture/busybox:1",
        "docker.io/library/a/b, docker.io/library/a/b, library/a/b:latest"
    })
    void parse_normalizesLikeDistributionReference(String text, String full, String familiarTagged) {
        Reference r = Reference.parse(text);

        assertEquals(full, r.toString());
        assertEquals(familiarTagged, r.withDefaultTag().familiarString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "busybox:", "busy box", "-busybox", "busybox:-tag", "a//b",
        "busybox@sha256:123", "eb6c9cccd3c3e8edb4f979950e80df3aed5e761e7f102b86b268f4a27665b2bf"})
    void parse_malformed_isInvalidArgument(String text) {
        assertThrows(InvalidArgumentException.class, () -> Reference.parse(text));
    }

    @org.junit.jupiter.api.Test
    void parse_uppercaseRepository_saysItMustBeLowercase() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Reference.parse("fixture/BusyBox"));

        assertTrue(e.getMessage().startsWith("invalid reference format: repository name must be lowercase"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void parse_digest_keepsItAndAddsNoTag() {
        Reference r = Reference.parse("busybox@sha256:" + "a".repeat(64));

        assertNull(r.tag());
        assertEquals("busybox@sha256:" + "a".repeat(64), r.withDefaultTag().familiarString());
    }

    @org.junit.jupiter.api.Test
    void hugeNames_areRefusedWithTheLengthMessage_withoutOverflowingTheStack() {
        String deep = "a/".repeat(20_000) + "a";
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Reference.parse(deep + ":1"));
        assertTrue(e.getMessage().startsWith("repository name must not be more than 255 characters"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Reference.parse("127.0.0.1:5000/" + "b".repeat(250)));
        assertEquals("127.0.0.1:5000/" + "b".repeat(240), Reference.parse("127.0.0.1:5000/" + "b".repeat(240)).name());
    }

    @org.junit.jupiter.api.Test
    void parse_twoThousandPathComponents_isAClearErrorNotAStackOverflow() {
        String deep = "a/".repeat(2000) + "b";
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Reference.parse(deep));

        assertTrue(e.getMessage().contains("must not be more than 255 characters"), e.getMessage());
        String megabyte = "ab".repeat(500_000);
        assertThrows(InvalidArgumentException.class, () -> Reference.parse(megabyte + ":tag"));
    }

    @org.junit.jupiter.api.Test
    void parse_componentsThatMakeABacktrackingRegexExplode_answerAtOnce() {
        assertThrows(InvalidArgumentException.class, () -> Reference.parse("a".repeat(200) + "-_"));
        assertThrows(InvalidArgumentException.class, () -> Reference.parse("x/" + "a0".repeat(100) + "!"));
        assertEquals("docker.io/a--b/c__d/e.f/g_h:t", Reference.parse("a--b/c__d/e.f/g_h:t").toString());
    }
}
