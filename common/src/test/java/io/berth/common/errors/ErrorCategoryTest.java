package io.berth.common.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCategoryTest {
    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void fromGrpc_ofEachCategorysCode_isThatCategory(ErrorCategory c) {
        assertEquals(c, ErrorCategory.fromGrpc(c.grpcCode()));
    }

    @Test
    void httpStatus_conflictAndAlreadyExists_are409LikeDockerd() {
        assertEquals(409, ErrorCategory.CONFLICT.httpStatus());
        assertEquals(409, ErrorCategory.ALREADY_EXISTS.httpStatus());
        assertEquals(404, ErrorCategory.NOT_FOUND.httpStatus());
        assertEquals(400, ErrorCategory.INVALID_ARGUMENT.httpStatus());
    }

    @Test
    void fromGrpc_outOfRangeAndUnknown_mapToInvalidArgumentAndInternal() {
        assertEquals(ErrorCategory.INVALID_ARGUMENT, ErrorCategory.fromGrpc(Status.Code.OUT_OF_RANGE));
        assertEquals(ErrorCategory.INTERNAL, ErrorCategory.fromGrpc(Status.Code.UNKNOWN));
    }
}
