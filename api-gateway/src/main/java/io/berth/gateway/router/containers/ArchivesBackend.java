package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.engine.v1.GetArchiveRequest;
import io.berth.proto.engine.v1.GetArchiveResponse;
import io.berth.proto.engine.v1.PutArchiveRequest;
import io.berth.proto.engine.v1.PutArchiveResponse;
import io.berth.proto.engine.v1.StatPathRequest;
import io.berth.proto.engine.v1.StatPathResponse;

/**
 * What the archive routes need from the engine (berth.engine.v1.Archives, archives.proto). Errors arrive
 * as the engine's {@link io.berth.common.errors.BerthException} category.
 */
public interface ArchivesBackend {
    /** @return StatPath's answer */
    StatPathResponse statPath(StatPathRequest request);

    /** @return the GetArchive stream: the stat, then the tar in chunks, read with flow control */
    ResponseStream<GetArchiveResponse> getArchive(GetArchiveRequest request);

    /** @return the PutArchive call: send the target, then the chunks, half-close, read the one answer */
    BidiStream<PutArchiveRequest, PutArchiveResponse> putArchive();
}
