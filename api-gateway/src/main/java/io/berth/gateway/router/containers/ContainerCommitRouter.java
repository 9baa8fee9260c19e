package io.berth.gateway.router.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.types.containers.ContainerInspectMapper;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.PauseContainerRequest;
import io.berth.proto.engine.v1.UnpauseContainerRequest;
import io.berth.proto.storage.v1.CommitContainerRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code POST /commit} of the Docker Engine API 1.41 (moby {@code api/server/router/container} postCommit,
 * daemon/commit.go {@code CreateImageFromContainer}): makes an image from a container's writable layer. The
 * container is resolved by the engine's inspect (404 "No such container: x"); a running container that is
 * not paused is paused for the commit ({@code pause} defaults to true from API 1.13 on) and unpaused after
 * it, as dockerd does (so {@code pause} and {@code unpause} events surround the commit; a failure to pause,
 * e.g. a container that stopped meanwhile, is ignored as dockerd ignores it); storage's
 * {@code CommitContainer} writes the layer, the config (the request body's config with {@code changes},
 * merged with the container's config), the tag and the events ({@code tag}, then the container's
 * {@code commit}). Answers 201 {@code {"Id":"sha256:..."}}.
 */
public final class ContainerCommitRouter implements Router {
    private static final Logger LOG = LogManager.getLogger(ContainerCommitRouter.class);

    /** Docker's IDResponse. */
    record IdResponse(@JsonProperty("Id") String id) {
    }

    private final ContainersBackend containers;
    private final LifecycleBackend lifecycle;
    private final ImagesBackend images;

    /**
     * @param containers the engine's containers (inspect)
     * @param lifecycle the engine's pause and unpause
     * @param images storage's images (commit)
     */
    @Inject
    public ContainerCommitRouter(ContainersBackend containers, LifecycleBackend lifecycle, ImagesBackend images) {
        this.containers = containers;
        this.lifecycle = lifecycle;
        this.images = images;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/commit", "postCommit", this::postCommit));
    }

    /**
     * {@code POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=} with an optional JSON
     * {@code container.Config} body: 201 {@code {"Id":..}}; 404 no such container; 400 for a bad change,
     * reference or body.
     */
    void postCommit(ApiRequest req, HttpExchange ex) {
        req.requireJsonContentType();
        JsonNode body = req.json();
        Container c = containers.inspect(InspectContainerRequest.newBuilder()
                .setId(req.query().get("container", "")).build()).getContainer();
        // moby daemon/commit.go CreateImageFromContainer: Dead, then removal in progress, both 409.
        if (c.getState().getDead() || "dead".equals(c.getState().getStatus())) {
            throw new io.berth.common.errors.ConflictException("You cannot commit container " + c.getId()
                    + " which is Dead");
        }
        if ("removing".equals(c.getState().getStatus())) {
            throw new io.berth.common.errors.ConflictException("You cannot commit container " + c.getId()
                    + " which is being removed");
        }
        boolean pause = req.query().get("pause", "").isEmpty() || req.query().bool("pause", true);
        boolean paused = false;
        if (pause && c.getState().getRunning() && !c.getState().getPaused()) {
            try {
                lifecycle.pause(PauseContainerRequest.newBuilder().setId(c.getId()).build());
                paused = true;
            } catch (BerthException e) {
                LOG.debug("commit: cannot pause {}: {}", c.getId(), e.getMessage());
            }
        }
        try {
            String repo = req.query().get("repo", "");
            String tag = req.query().get("tag", "");
            CommitContainerRequest.Builder r = CommitContainerRequest.newBuilder()
                    .setContainerId(c.getId())
                    .setContainerName(c.getName().startsWith("/") ? c.getName().substring(1) : c.getName())
                    .setImageId(c.getImageId())
                    .setContainerConfigJson(ByteString.copyFrom(
                            Json.MAPPER.writeValueAsBytes(ContainerInspectMapper.config(c.getConfig()))))
                    .addAllChanges(req.query().all("changes"))
                    .setAuthor(req.query().get("author", ""))
                    .setComment(req.query().get("comment", ""))
                    .setReference(repo.isEmpty() ? "" : tag.isEmpty() ? repo : repo + ":" + tag)
                    .setContainerImage(c.getConfig().getImage())
                    .putAllContainerLabels(c.getConfig().getLabelsMap());
            if (body != null && !body.isNull() && !body.isMissingNode()) {
                r.setConfigJson(ByteString.copyFrom(Json.MAPPER.writeValueAsBytes(body)));
            }
            String id = images.commitContainer(r.build()).getId();
            ex.json(HttpResponseStatus.CREATED, new IdResponse(id));
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot encode the container config: " + e.getMessage(), e);
        } finally {
            if (paused) {
                try {
                    lifecycle.unpause(UnpauseContainerRequest.newBuilder().setId(c.getId()).build());
                } catch (BerthException e) {
                    LOG.warn("commit: cannot unpause {}: {}", c.getId(), e.getMessage());
                }
            }
        }
    }
}
