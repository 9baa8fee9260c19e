package io.berth.gateway.router.images;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.BodyMode;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.http.WorkerPool;
import io.berth.gateway.types.images.ImageDeleteResponseItem;
import io.berth.gateway.types.images.ImageInspect;
import io.berth.gateway.types.images.ImageInspectMapper;
import io.berth.gateway.types.images.ImageSummary;
import io.berth.gateway.types.images.ImageSummaryMapper;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.ImageUser;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.TagImageRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Image routes of the Docker Engine API 1.41 (moby {@code api/server/router/image}). {@code {name}} is an
 * image reference and may contain "/" and ":" ({@code /images/127.0.0.1:5000/a/b:tag/json}).
 */
public final class ImagesRouter implements Router {
    private final ImagesBackend backend;
    private final ImageLoadHandler load;
    private final ImageImportHandler importer;

    /**
     * @param backend the services
     * @param workers threads for the upload pump of {@code /images/load}
     */
    @Inject
    public ImagesRouter(ImagesBackend backend, WorkerPool workers) {
        this(backend, (Executor) workers);
    }

    /**
     * @param backend the services
     * @param pumps threads for the upload pump of {@code /images/load}
     */
    public ImagesRouter(ImagesBackend backend, Executor pumps) {
        this.backend = backend;
        this.load = new ImageLoadHandler(backend, pumps);
        this.importer = new ImageImportHandler(backend, pumps);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/images/json", "getImagesJSON", this::getImagesJSON),
                Route.get("/images/{name:.*}/json", "getImagesByName", this::getImagesByName),
                Route.of(HttpMethod.POST, "/images/load", "postImagesLoad", BodyMode.STREAM, load::postImagesLoad),
                Route.of(HttpMethod.POST, "/images/create", "postImagesCreate", BodyMode.STREAM,
                        this::postImagesCreate),
                Route.post("/images/{name:.*}/tag", "postImagesTag", this::postImagesTag),
                Route.delete("/images/{name:.*}", "deleteImages", this::deleteImages));
    }

    /** {@code GET /images/json?all&filters} (API 1.41): a JSON array of {@link ImageSummary}. */
    void getImagesJSON(ApiRequest req, HttpExchange ex) {
        List<ImageSummary> out = backend.listImages(ListImagesRequest.newBuilder()
                .setAll(req.query().bool("all", false))
                .setFilters(req.query().filters())
                .build()).stream().map(ImageSummaryMapper::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }

    /** {@code GET /images/{name}/json} (API 1.41): {@link ImageInspect}; 404 "No such image: x". */
    void getImagesByName(ApiRequest req, HttpExchange ex) {
        GetImageRequest request = GetImageRequest.newBuilder().setReference(req.param("name")).build();
        ex.json(HttpResponseStatus.OK, ImageInspectMapper.of(backend.getImage(request).getImage()));
    }

    /**
     * {@code POST /images/create} (API 1.41): import ({@code fromSrc}, {@link ImageImportHandler}); pull
     * ({@code fromImage}) is not implemented yet: 501 with a message the CLI prints after "Unable to find
     * image ... locally".
     */
    void postImagesCreate(ApiRequest req, HttpExchange ex) throws InterruptedException {
        if (!req.query().get("fromSrc", "").isEmpty()) {
            importer.postImagesImport(req, ex);
            return;
        }
        String fromImage = req.query().get("fromImage", "");
        String tag = req.query().get("tag", "");
        if (!fromImage.isEmpty()) {
            String ref = tag.isEmpty() || fromImage.contains("@") ? fromImage : fromImage + ":" + tag;
            throw new NotImplementedException("berth cannot pull images yet (pulling " + ref
                    + " from a registry is not implemented; load the image with 'docker load -i <archive>' instead)");
        }
        throw new InvalidArgumentException("POST /images/create needs fromImage or fromSrc");
    }

    /** {@code POST /images/{name}/tag?repo=&tag=} (API 1.41): 201 with no body. */
    void postImagesTag(ApiRequest req, HttpExchange ex) {
        String repo = req.query().get("repo", "");
        String tag = req.query().get("tag", "");
        if (repo.isEmpty()) {
            throw new InvalidArgumentException("repository name must have at least one component (repo= is empty)");
        }
        backend.tagImage(TagImageRequest.newBuilder().setSource(req.param("name"))
                .setTarget(tag.isEmpty() ? repo : repo + ":" + tag).build());
        ex.empty(HttpResponseStatus.CREATED);
    }

    /**
     * {@code DELETE /images/{name}?force&noprune} (API 1.41): 200 with
     * {@code [{"Untagged":..},{"Deleted":..}]}; 409 when a container uses the image (storage decides, from the
     * containers the engine lists with their state).
     */
    void deleteImages(ApiRequest req, HttpExchange ex) {
        List<ImageUser> users = backend.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                .stream().map(c -> ImageUser.newBuilder().setContainerId(c.getId()).setImageId(c.getImageId())
                        .setRunning(c.getState().getRunning()).build()).toList();
        List<ImageDeleteResponseItem> out = backend.deleteImage(DeleteImageRequest.newBuilder()
                .setReference(req.param("name"))
                .setForce(req.query().bool("force", false))
                .addAllImageUsers(users)
                .addAllImageIdsInUse(users.stream().map(ImageUser::getImageId).distinct().toList())
                .build()).getItemsList().stream().map(ImageDeleteResponseItem::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }
}
