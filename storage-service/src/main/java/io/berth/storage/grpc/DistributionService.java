package io.berth.storage.grpc;

import io.berth.common.grpc.GrpcErrors;
import io.berth.proto.storage.v1.DistributionGrpc;
import io.berth.proto.storage.v1.DistributionProgress;
import io.berth.proto.storage.v1.InspectDistributionRequest;
import io.berth.proto.storage.v1.InspectDistributionResponse;
import io.berth.proto.storage.v1.LoginRequest;
import io.berth.proto.storage.v1.LoginResponse;
import io.berth.proto.storage.v1.PullImageRequest;
import io.berth.proto.storage.v1.PushImageRequest;
import io.berth.proto.storage.v1.PushResult;
import io.berth.proto.storage.v1.RegistryAuth;
import io.berth.proto.storage.v1.RemotePlatform;
import io.berth.proto.storage.v1.SearchImagesRequest;
import io.berth.proto.storage.v1.SearchImagesResponse;
import io.berth.proto.storage.v1.SearchResult;
import io.berth.storage.image.ImagePuller;
import io.berth.storage.image.ImagePusher;
import io.berth.storage.image.RegistryLookups;
import io.berth.storage.registry.Platform;
import io.berth.storage.registry.ProgressLine;
import io.berth.storage.registry.RegistryCredentials;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * berth.storage.v1 Distribution (distribution.proto) over {@link ImagePuller}, {@link ImagePusher} and
 * {@link RegistryLookups}: a thin adapter. Pull and push stream each progress line as it happens; an error
 * ends the stream with its category's status.
 */
public final class DistributionService extends DistributionGrpc.DistributionImplBase {
    private static final Logger LOG = LogManager.getLogger(DistributionService.class);

    private final ImagePuller puller;
    private final ImagePusher pusher;
    private final RegistryLookups lookups;

    /**
     * @param puller docker pull
     * @param pusher docker push
     * @param lookups login and manifest lookups
     */
    @Inject
    public DistributionService(ImagePuller puller, ImagePusher pusher, RegistryLookups lookups) {
        this.puller = puller;
        this.pusher = pusher;
        this.lookups = lookups;
    }

    @Override
    public void pullImage(PullImageRequest req, StreamObserver<DistributionProgress> out) {
        LOG.debug("PullImage {}", req.getReference());
        stream(out, () -> puller.pull(req.getReference(), req.getPlatform(), credentials(req.getAuth()), req.getAllTags(),
                line -> out.onNext(toProto(line))));
    }

    @Override
    public void pushImage(PushImageRequest req, StreamObserver<DistributionProgress> out) {
        LOG.debug("PushImage {} tag={}", req.getName(), req.getTag());
        stream(out, () -> pusher.push(req.getName(), req.getTag(), credentials(req.getAuth()),
                line -> out.onNext(toProto(line))));
    }

    @Override
    public void login(LoginRequest req, StreamObserver<LoginResponse> out) {
        LOG.debug("Login {} user={}", req.getAuth().getServerAddress(), req.getAuth().getUsername());
        lookups.login(req.getAuth().getServerAddress(), credentials(req.getAuth()));
        out.onNext(LoginResponse.newBuilder().setStatus("Login Succeeded").build());
        out.onCompleted();
    }

    @Override
    public void inspectDistribution(InspectDistributionRequest req, StreamObserver<InspectDistributionResponse> out) {
        RegistryLookups.Distribution d = lookups.inspect(req.getReference(), credentials(req.getAuth()));
        InspectDistributionResponse.Builder b = InspectDistributionResponse.newBuilder()
                .setMediaType(d.mediaType()).setDigest(d.descriptor().digest().toString())
                .setSize(d.descriptor().size());
        for (Platform p : d.platforms()) {
            b.addPlatforms(RemotePlatform.newBuilder().setOs(p.os()).setArchitecture(p.architecture())
                    .setVariant(p.variant()).setOsVersion(p.osVersion()).addAllOsFeatures(p.osFeatures()));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void searchImages(SearchImagesRequest req, StreamObserver<SearchImagesResponse> out) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        req.getFilters().getFiltersMap().forEach((k, v) -> filters.put(k, v.getValuesList()));
        SearchImagesResponse.Builder b = SearchImagesResponse.newBuilder();
        for (RegistryLookups.SearchHit h : lookups.search(req.getTerm(), req.getLimit(), filters, credentials(req.getAuth()))) {
            b.addResults(SearchResult.newBuilder().setName(h.name()).setDescription(h.description())
                    .setStarCount(h.stars()).setIsOfficial(h.official()).setIsAutomated(h.automated()));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    private static void stream(StreamObserver<DistributionProgress> out, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.info("distribution call failed: {}", e.getMessage());
            out.onError(GrpcErrors.toStatus(e).asRuntimeException());
            return;
        }
        out.onCompleted();
    }

    static RegistryCredentials credentials(RegistryAuth a) {
        return new RegistryCredentials(a.getUsername(), a.getPassword(), a.getIdentityToken(), a.getRegistryToken());
    }

    static DistributionProgress toProto(ProgressLine l) {
        DistributionProgress.Builder b = DistributionProgress.newBuilder().setId(l.id()).setStatus(l.status())
                .setHasDetail(l.detail()).setCurrent(l.current()).setTotal(l.total());
        if (l.auxDigest() != null) {
            b.setAux(PushResult.newBuilder().setTag(l.auxTag()).setDigest(l.auxDigest()).setSize(l.auxSize()));
        }
        return b.build();
    }
}
