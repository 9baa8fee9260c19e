package io.berth.gateway.router.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.BodyMode;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.router.StreamedDownloads;
import io.berth.gateway.http.Router;
import io.berth.gateway.http.WorkerPool;
import io.berth.gateway.router.registry.DistributionBackend;
import io.berth.gateway.types.registry.AuthConfig;
import io.berth.gateway.types.registry.SearchResultJson;
import io.berth.gateway.types.images.HistoryResponseItem;
import io.berth.gateway.types.images.ImageDeleteResponseItem;
import io.berth.gateway.types.images.ImageInspect;
import io.berth.gateway.types.images.ImageInspectMapper;
import io.berth.gateway.types.images.ImageSummary;
import io.berth.gateway.types.images.ImageSummaryMapper;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.DistributionProgress;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.ImageHistoryRequest;
import io.berth.proto.storage.v1.ImageUser;
import io.berth.proto.storage.v1.InspectDistributionRequest;
import io.berth.proto.storage.v1.InspectDistributionResponse;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoginRequest;
import io.berth.proto.storage.v1.LoginResponse;
import io.berth.proto.storage.v1.PullImageRequest;
import io.berth.proto.storage.v1.PushImageRequest;
import io.berth.proto.storage.v1.RegistryAuth;
import io.berth.proto.storage.v1.SearchImagesRequest;
import io.berth.proto.storage.v1.SearchImagesResponse;
import io.berth.proto.storage.v1.PruneImagesRequest;
import io.berth.proto.storage.v1.PruneImagesResponse;
import io.berth.proto.storage.v1.SaveImagesRequest;
import io.berth.proto.storage.v1.SaveImagesResponse;
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
    /** Registry header of pull and push: base64url JSON of Docker's AuthConfig. */
    static final String REGISTRY_AUTH = "X-Registry-Auth";

    private final ImagesBackend backend;
    private final DistributionBackend distribution;
    private final ImageLoadHandler load;
    private final ImageImportHandler importer;

    /**
     * @param backend the services
     * @param distribution storage's pull and push
     * @param workers threads for the upload pump of {@code /images/load}
     */
    @Inject
    public ImagesRouter(ImagesBackend backend, DistributionBackend distribution, WorkerPool workers) {
        this(backend, distribution, (Executor) workers);
    }

    /**
     * For tests of the other routes: pull and push answer 501.
     *
     * @param backend the services
     * @param pumps threads for the upload pump of {@code /images/load}
     */
    public ImagesRouter(ImagesBackend backend, Executor pumps) {
        this(backend, NO_DISTRIBUTION, pumps);
    }

    /**
     * @param backend the services
     * @param distribution storage's pull and push
     * @param pumps threads for the upload pump of {@code /images/load}
     */
    public ImagesRouter(ImagesBackend backend, DistributionBackend distribution, Executor pumps) {
        this.backend = backend;
        this.distribution = distribution;
        this.load = new ImageLoadHandler(backend, pumps);
        this.importer = new ImageImportHandler(backend, pumps);
    }

    /** What pull and push answer in a gateway made without a distribution backend (tests of other routes). */
    static final String NO_DISTRIBUTION_MESSAGE = "berth cannot pull or push here: this gateway has no distribution backend";

    private static final DistributionBackend NO_DISTRIBUTION = new DistributionBackend() {
        @Override
        public ResponseStream<DistributionProgress> pullImage(PullImageRequest request) {
            throw new NotImplementedException(NO_DISTRIBUTION_MESSAGE);
        }

        @Override
        public ResponseStream<DistributionProgress> pushImage(PushImageRequest request) {
            throw new NotImplementedException(NO_DISTRIBUTION_MESSAGE);
        }

        @Override
        public LoginResponse login(LoginRequest request) {
            throw new NotImplementedException(NO_DISTRIBUTION_MESSAGE);
        }

        @Override
        public SearchImagesResponse searchImages(SearchImagesRequest request) {
            throw new NotImplementedException(NO_DISTRIBUTION_MESSAGE);
        }

        @Override
        public InspectDistributionResponse inspectDistribution(InspectDistributionRequest request) {
            throw new NotImplementedException(NO_DISTRIBUTION_MESSAGE);
        }
    };

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/images/json", "getImagesJSON", this::getImagesJSON),
                Route.get("/images/search", "getImagesSearch", this::getImagesSearch),
                Route.get("/images/{name:.*}/json", "getImagesByName", this::getImagesByName),
                Route.of(HttpMethod.POST, "/images/load", "postImagesLoad", BodyMode.STREAM, load::postImagesLoad),
                Route.of(HttpMethod.POST, "/images/create", "postImagesCreate", BodyMode.STREAM,
                        this::postImagesCreate),
                Route.post("/images/{name:.*}/tag", "postImagesTag", this::postImagesTag),
                Route.of(HttpMethod.POST, "/images/{name:.*}/push", "postImagesPush", BodyMode.AGGREGATE,
                        this::postImagesPush),
                Route.get("/images/{name:.*}/history", "getImagesHistory", this::getImagesHistory),
                Route.get("/images/get", "getImagesGet", this::getImagesGet),
                Route.get("/images/{name:.*}/get", "getImagesGet", this::getImagesGet),
                Route.post("/images/prune", "postImagesPrune", this::postImagesPrune),
                Route.delete("/images/{name:.*}", "deleteImages", this::deleteImages));
    }

    /** {@code GET /images/json?all&filters} (API 1.41): a JSON array of {@link ImageSummary}. */
    void getImagesJSON(ApiRequest req, HttpExchange ex) {
        List<ImageSummary> out = backend.listImages(ListImagesRequest.newBuilder()
                .setAll(req.query().bool("all", false))
                .setFilters(req.query().filters())
                .setSharedSize(req.query().bool("shared-size", false))
                .build()).stream().map(ImageSummaryMapper::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }

    /**
     * {@code GET /images/search?term=&limit=&filters=} (API 1.41): the index's v1 search results, as a JSON array
     * of {@link SearchResultJson}; where the index cannot be reached (no network) dockerd's 500
     * {@code Get "https://index.docker.io/v1/search?q=x&n=25": dial tcp: lookup index.docker.io: ...}.
     */
    void getImagesSearch(ApiRequest req, HttpExchange ex) {
        String limit = req.query().get("limit", "");
        int n;
        try {
            n = limit.isEmpty() ? 0 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("strconv.Atoi: parsing \"" + limit + "\": invalid syntax");
        }
        SearchImagesRequest search = SearchImagesRequest.newBuilder().setTerm(req.query().get("term", ""))
                .setLimit(n).setFilters(req.query().filters())
                .setAuth(AuthConfig.fromHeader(req.headers().get(REGISTRY_AUTH))).build();
        ex.json(HttpResponseStatus.OK, distribution.searchImages(search).getResultsList().stream()
                .map(SearchResultJson::of).toList());
    }

    /** {@code GET /images/{name}/json} (API 1.41): {@link ImageInspect}; 404 "No such image: x". */
    void getImagesByName(ApiRequest req, HttpExchange ex) {
        GetImageRequest request = GetImageRequest.newBuilder().setReference(req.param("name")).build();
        ex.json(HttpResponseStatus.OK, ImageInspectMapper.of(backend.getImage(request).getImage()));
    }

    /**
     * {@code POST /images/create} (API 1.41): import ({@code fromSrc}, {@link ImageImportHandler}) or pull
     * ({@code fromImage}, {@code tag} a tag or a digest as the CLI sends {@code name@sha256:...}, optional
     * {@code platform}, credentials in {@code X-Registry-Auth}): storage's PullImage progress as Docker's JSON
     * stream. An empty tag with a {@code fromImage} that names no tag or digest pulls every tag of the
     * repository, as dockerd 20.10 ({@code docker pull -a}; storage's {@code all_tags}).
     */
    void postImagesCreate(ApiRequest req, HttpExchange ex) throws InterruptedException {
        if (!req.query().get("fromSrc", "").isEmpty()) {
            importer.postImagesImport(req, ex);
            return;
        }
        String fromImage = req.query().get("fromImage", "");
        String tag = req.query().get("tag", "");
        if (fromImage.isEmpty()) {
            throw new InvalidArgumentException("POST /images/create needs fromImage or fromSrc");
        }
        String ref = tag.isEmpty() || fromImage.contains("@") ? fromImage
                : fromImage + (tag.startsWith("sha256:") ? "@" : ":") + tag;
        String last = fromImage.substring(fromImage.lastIndexOf('/') + 1);
        boolean allTags = tag.isEmpty() && !last.contains(":") && !last.contains("@");
        PullImageRequest pull = PullImageRequest.newBuilder().setReference(ref).setAllTags(allTags)
                .setPlatform(req.query().get("platform", ""))
                .setAuth(AuthConfig.fromHeader(req.headers().get(REGISTRY_AUTH))).build();
        ProgressStreamHandler.relay(distribution.pullImage(pull), ex);
    }

    /**
     * {@code POST /images/{name}/push?tag=} (API 1.41): storage's PushImage progress as Docker's JSON stream,
     * ending with {@code <tag>: digest: sha256:... size: N} and the aux {@code {"Tag","Digest","Size"}}.
     * Without X-Registry-Auth the body must be the AuthConfig JSON (dockerd 20.10: 400 "Bad parameters and
     * missing X-Registry-Auth" otherwise).
     */
    void postImagesPush(ApiRequest req, HttpExchange ex) throws InterruptedException {
        String header = req.headers().get(REGISTRY_AUTH);
        RegistryAuth auth;
        if (header != null && !header.isEmpty()) {
            auth = AuthConfig.fromHeader(header);
        } else {
            try {
                auth = AuthConfig.fromBody(req.body()).toProto();
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("Bad parameters and missing X-Registry-Auth: " + e.getMessage());
            }
        }
        PushImageRequest push = PushImageRequest.newBuilder().setName(req.param("name"))
                .setTag(req.query().get("tag", "")).setAuth(auth).build();
        ProgressStreamHandler.relay(distribution.pushImage(push), ex);
    }

    /**
     * {@code GET /images/{name}/history} (API 1.41): a JSON array of {@link HistoryResponseItem}, newest
     * first; 404 "No such image: x".
     */
    void getImagesHistory(ApiRequest req, HttpExchange ex) {
        List<HistoryResponseItem> out = backend.imageHistory(ImageHistoryRequest.newBuilder()
                .setReference(req.param("name")).build()).getItemsList().stream().map(HistoryResponseItem::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }

    /**
     * {@code GET /images/{name}/get} and {@code GET /images/get?names=a&names=b} (API 1.41, docker save): 200,
     * {@code Content-Type: application/x-tar}, chunked, the docker-archive as storage writes it (each chunk
     * written before the next is requested). Every name is resolved before the headers: an unknown one is a
     * 404 "No such image: x"; a failure after the headers ends the body early (dockerd cuts it too).
     */
    void getImagesGet(ApiRequest req, HttpExchange ex) throws InterruptedException {
        List<String> names = req.params().containsKey("name") ? List.of(req.param("name")) : req.query().all("names");
        StreamedDownloads.send(ex, backend.saveImages(SaveImagesRequest.newBuilder().addAllNames(names).build()),
                "application/x-tar", SaveImagesResponse::getData);
    }

    /** Docker's ImagesPruneReport. */
    record PruneReport(@JsonProperty("ImagesDeleted") List<ImageDeleteResponseItem> deleted,
                       @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    /**
     * {@code POST /images/prune?filters=} (API 1.41): 200 {@code {"ImagesDeleted":[..] or null,
     * "SpaceReclaimed":N}}; filters dangling (default true), until, label, label!; images a container uses
     * stay (storage decides, from the engine's containers).
     */
    void postImagesPrune(ApiRequest req, HttpExchange ex) {
        PruneImagesResponse r = backend.pruneImages(PruneImagesRequest.newBuilder()
                .setFilters(req.query().filters()).addAllImageUsers(imageUsers()).build());
        List<ImageDeleteResponseItem> items = r.getImagesDeletedList().stream().map(ImageDeleteResponseItem::of).toList();
        ex.json(HttpResponseStatus.OK, new PruneReport(items.isEmpty() ? null : items, r.getSpaceReclaimedBytes()));
    }

    private List<ImageUser> imageUsers() {
        return backend.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                .stream().map(c -> ImageUser.newBuilder().setContainerId(c.getId()).setImageId(c.getImageId())
                        .setRunning(c.getState().getRunning()).build()).toList();
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
        List<ImageUser> users = imageUsers();
        List<ImageDeleteResponseItem> out = backend.deleteImage(DeleteImageRequest.newBuilder()
                .setReference(req.param("name"))
                .setForce(req.query().bool("force", false))
                .addAllImageUsers(users)
                .addAllImageIdsInUse(users.stream().map(ImageUser::getImageId).distinct().toList())
                .build()).getItemsList().stream().map(ImageDeleteResponseItem::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }
}
