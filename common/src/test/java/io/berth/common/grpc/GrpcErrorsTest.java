package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.NotFoundException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** The error mapping across a service boundary, and the bound on what it carries. */
class GrpcErrorsTest {
    @Test
    void shortMessage_travelsUnchangedAndComesBackAsTheSameCategory() {
        Status s = GrpcErrors.toStatus(new NotFoundException("No such container: web"));
        assertEquals(Status.Code.NOT_FOUND, s.getCode());
        BerthException back = GrpcErrors.toNative(s.asRuntimeException());
        assertTrue(back instanceof NotFoundException);
        assertEquals("No such container: web", back.getMessage());
    }

    @Test
    void longMessage_isCutInTheMiddleToTheBound() {
        String name = "a".repeat(5000) + "END";
        Status s = GrpcErrors.toStatus(new NotFoundException("No such container: " + name));
        String d = s.getDescription();
        assertTrue(d.startsWith("No such container: aaa"), d);
        assertTrue(d.endsWith("aaaEND"), d);
        assertTrue(d.contains("characters left out"), d);
        assertTrue(d.length() < GrpcErrors.MAX_DESCRIPTION + 60, "length " + d.length());
        assertEquals(Status.Code.NOT_FOUND, s.getCode());
    }

    @Test
    void bounded_keepsNullAndShortStrings() {
        assertEquals(null, GrpcErrors.bounded(null));
        String exact = "x".repeat(GrpcErrors.MAX_DESCRIPTION);
        assertEquals(exact, GrpcErrors.bounded(exact));
    }
}
