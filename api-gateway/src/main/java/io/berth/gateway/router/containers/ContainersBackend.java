package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.engine.v1.AttachContainerRequest;
import io.berth.proto.engine.v1.AttachContainerResponse;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerLogsRequest;
import io.berth.proto.engine.v1.ContainerLogsResponse;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import java.util.List;

/**
 * What the container routers need from the engine (berth.engine.v1.Containers), for Docker Engine API 1.41
 * {@code /containers/*}. Every method throws the engine's {@link io.berth.common.errors.BerthException}
 * category (NotFound "No such container: x", AlreadyExists, Conflict, ...).
 */
public interface ContainersBackend {
    /** @return the new container's ID and warnings */
    CreateContainerResponse create(CreateContainerRequest request);

    /**
     * @param id ID, name or unique ID prefix
     * @return true if it was already running (304)
     */
    boolean start(String id);

    /** @return true if it was already stopped (304) */
    boolean stop(StopContainerRequest request);

    /** Sends a signal (Conflict if not running). */
    void kill(KillContainerRequest request);

    /** Removes a container. */
    void remove(RemoveContainerRequest request);

    /**
     * @param id ID, name or unique ID prefix
     * @return the container and its writable layer size
     */
    InspectContainerResponse inspect(String id);

    /** @return the containers (batches joined) */
    List<Container> list(ListContainersRequest request);

    /** @return the wait stream: first "registered", then the result */
    ResponseStream<WaitContainerResponse> waitContainer(WaitContainerRequest request);

    /** @return a started attach call: send the options, then stdin; read "attached", then output */
    BidiStream<AttachContainerRequest, AttachContainerResponse> attach();

    /** @return the log entries (until the container stops, with follow) */
    ResponseStream<ContainerLogsResponse> logs(ContainerLogsRequest request);
}
