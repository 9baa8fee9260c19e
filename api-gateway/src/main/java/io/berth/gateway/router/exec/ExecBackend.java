package io.berth.gateway.router.exec;

import io.berth.gateway.grpc.BidiStream;
import io.berth.proto.engine.v1.CreateExecRequest;
import io.berth.proto.engine.v1.CreateExecResponse;
import io.berth.proto.engine.v1.InspectExecRequest;
import io.berth.proto.engine.v1.InspectExecResponse;
import io.berth.proto.engine.v1.ResizeExecRequest;
import io.berth.proto.engine.v1.ResizeExecResponse;
import io.berth.proto.engine.v1.StartExecRequest;
import io.berth.proto.engine.v1.StartExecResponse;

/**
 * What the exec router needs from the engine (berth.engine.v1.Execs). Each method takes the rpc's proto
 * request and returns its proto response, throwing the engine's {@link io.berth.common.errors.BerthException}
 * category (NotFound "No such exec instance: x", Conflict "Container x is not running", ...).
 */
public interface ExecBackend {
    /** @return CreateExec: the new exec's ID */
    CreateExecResponse create(CreateExecRequest request);

    /** @return a started StartExec call: send the options, then stdin; read "accepted", then output */
    BidiStream<StartExecRequest, StartExecResponse> start();

    /** @return ResizeExec */
    ResizeExecResponse resize(ResizeExecRequest request);

    /** @return InspectExec */
    InspectExecResponse inspect(InspectExecRequest request);
}
