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
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.KillContainerResponse;
import io.berth.proto.engine.v1.ResizeContainerRequest;
import io.berth.proto.engine.v1.ResizeContainerResponse;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.RemoveContainerResponse;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StartContainerResponse;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.StopContainerResponse;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import java.util.List;

/**
 * What the container routers need from the engine (berth.engine.v1.Containers), for Docker Engine API 1.41
 * {@code /containers/*}. Like every gateway backend, each method takes the rpc's proto request and returns
 * its proto response (a server stream as a {@link ResponseStream}, or, for a listing, its batches joined);
 * the routers build the requests from the HTTP call and map the responses to Docker's JSON. Every method
 * throws the engine's {@link io.berth.common.errors.BerthException} category (NotFound
 * "No such container: x", AlreadyExists, Conflict, ...).
 */
public interface ContainersBackend {
    /** @return CreateContainer: the new container's ID and warnings */
    CreateContainerResponse create(CreateContainerRequest request);

    /** @return StartContainer: already_running when it was running already (304) */
    StartContainerResponse start(StartContainerRequest request);

    /** @return StopContainer: already_stopped when it was not running (304) */
    StopContainerResponse stop(StopContainerRequest request);

    /** @return ResizeContainer (NotFound; Conflict if not running) */
    ResizeContainerResponse resize(ResizeContainerRequest request);

    /** @return KillContainer (Conflict if not running) */
    KillContainerResponse kill(KillContainerRequest request);

    /** @return RemoveContainer */
    RemoveContainerResponse remove(RemoveContainerRequest request);

    /** @return InspectContainer: the container and its writable layer size */
    InspectContainerResponse inspect(InspectContainerRequest request);

    /** @return ListContainers: the containers of every batch, in order */
    List<Container> list(ListContainersRequest request);

    /** @return the WaitContainer stream: first "registered", then the result */
    ResponseStream<WaitContainerResponse> waitContainer(WaitContainerRequest request);

    /** @return a started AttachContainer call: send the options, then stdin; read "attached", then output */
    BidiStream<AttachContainerRequest, AttachContainerResponse> attach();

    /** @return the ContainerLogs stream (until the container stops, with follow) */
    ResponseStream<ContainerLogsResponse> logs(ContainerLogsRequest request);
}
