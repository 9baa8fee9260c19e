package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {
    @Test
    void normalize_validNameWithOrWithoutSlash_returnsSlashed() {
        assertEquals("/web", ContainerNames.normalize("web"));
        assertEquals("/web", ContainerNames.normalize("/web"));
        assertEquals("/a.b_c-9", ContainerNames.normalize("a.b_c-9"));
    }

    @Test
    void normalize_invalidNames_throwDockersMessage() {
        for (String bad : new String[] {"a", "-web", "_web", "we b", "web/x", "", "/", "wéb"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> ContainerNames.normalize(bad), bad);
            assertEquals("Invalid container name (" + bad + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
                    e.getMessage());
        }
    }

    @Test
    void generate_anyAttempt_isValidAdjectiveUnderscoreSurname() {
        for (int i = 0; i < 200; i++) {
            String n = ContainerNames.generate(i % 8);
            assertTrue(n.matches("/[a-z]+_[a-z]+[0-9]?"), n);
            assertEquals(n, ContainerNames.normalize(n));
            assertTrue(!n.startsWith("/boring_wozniak"), n);
        }
    }

    @Test
    void generateId_always64HexAndShortIdNotNumeric() {
        for (int i = 0; i < 100; i++) {
            String id = ContainerIds.generate();
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            assertTrue(!ContainerIds.shortId(id).matches("[0-9]+"), id);
        }
    }
}
