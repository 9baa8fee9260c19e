package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** containerd's platforms.Parse as dockerd 20.10 applies it to {@code ?platform=}. */
class PlatformSpecifierTest {
    @Test
    void osArchVariant_areParsedLowerCase() {
        assertEquals(new PlatformSpecifier.Platform("linux", "arm", "v7"), PlatformSpecifier.parse("Linux/ARM/v7"));
        assertEquals(new PlatformSpecifier.Platform("linux", "amd64", ""), PlatformSpecifier.parse("linux/amd64"));
        assertEquals(new PlatformSpecifier.Platform("linux", "", ""), PlatformSpecifier.parse("linux"));
        assertEquals(new PlatformSpecifier.Platform("linux", "arm64", ""), PlatformSpecifier.parse("arm64"));
    }

    @Test
    void emptyComponent_isContainerdsError() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> PlatformSpecifier.parse("bogus///"));
        assertEquals("\"\" is an invalid component of \"bogus///\": platform specifier component must match "
                + "\"^[A-Za-z0-9_-]+$\": invalid argument", e.getMessage());
    }

    @Test
    void unknownOsOrArch_andTooManyParts_areRefused() {
        assertEquals("\"bogus\": unknown operating system or architecture: invalid argument",
                assertThrows(InvalidArgumentException.class, () -> PlatformSpecifier.parse("bogus")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> PlatformSpecifier.parse("linux/bogus"));
        assertEquals("\"linux/amd64/v1/x\": cannot parse platform specifier: invalid argument",
                assertThrows(InvalidArgumentException.class,
                        () -> PlatformSpecifier.parse("linux/amd64/v1/x")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> PlatformSpecifier.parse("linux/*"));
    }
}
