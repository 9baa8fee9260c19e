package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class BindSpecTest {
    @Test
    void parse_hostPathReadOnly() {
        BindSpec b = BindSpec.parse("/tmp/x:/x:ro");

        assertTrue(b.isHostPath());
        assertEquals("/tmp/x", b.source());
        assertEquals("/x", b.destination());
        assertTrue(b.readOnly());
        assertEquals("rprivate", b.propagation());
    }

    @Test
    void parse_modeWithPropagationAndLabel_cleanedDestination() {
        BindSpec b = BindSpec.parse("/srv:/data/../opt/:rw,rshared,z");

        assertFalse(b.readOnly());
        assertEquals("rshared", b.propagation());
        assertEquals("/opt", b.destination());
    }

    @Test
    void parse_volumeName_notAHostPath() {
        BindSpec b = BindSpec.parse("capvol:/data");

        assertFalse(b.isHostPath());
        assertEquals("capvol", b.source());
    }

    @Test
    void parse_malformed_dockerdMessages() {
        assertEquals("invalid volume specification: '/foo:rw'",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/foo:rw")).getMessage());
        assertEquals("invalid mode: rw,ro",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/a:/b:rw,ro")).getMessage());
        assertEquals("invalid mode: bogus",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/a:/b:bogus")).getMessage());
        assertEquals("invalid volume specification: '/a:/b:ro:x'",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/a:/b:ro:x")).getMessage());
        assertEquals("invalid volume specification: ':/b'",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse(":/b")).getMessage());
        assertEquals("invalid volume specification: '/a:b': invalid mount config for type \"bind\": invalid mount"
                + " path: 'b' mount path must be absolute",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/a:b")).getMessage());
        assertEquals("invalid volume specification: '/a:/': invalid specification: destination can't be '/'",
                assertThrows(InvalidArgumentException.class, () -> BindSpec.parse("/a:/")).getMessage());
    }
}
