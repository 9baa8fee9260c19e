package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.storage.content.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {
    @Test
    void of_threeLayers_followsTheOciFormula() throws Exception {
        Digest a = Digest.sha256("a");
        Digest b = Digest.sha256("b");
        Digest c = Digest.sha256("c");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        String ab = HexFormat.of().formatHex(md.digest((a + " " + b).getBytes(StandardCharsets.US_ASCII)));
        String abc = HexFormat.of().formatHex(md.digest(("sha256:" + ab + " " + c).getBytes(StandardCharsets.US_ASCII)));

        List<Digest> chain = ChainIds.of(List.of(a, b, c));

        assertEquals(List.of(a, new Digest(ab), new Digest(abc)), chain);
    }
}
