package io.berth.gateway.router.registry;

import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.storage.v1.DistributionProgress;
import io.berth.proto.storage.v1.InspectDistributionRequest;
import io.berth.proto.storage.v1.InspectDistributionResponse;
import io.berth.proto.storage.v1.LoginRequest;
import io.berth.proto.storage.v1.LoginResponse;
import io.berth.proto.storage.v1.PullImageRequest;
import io.berth.proto.storage.v1.PushImageRequest;
import io.berth.proto.storage.v1.SearchImagesRequest;
import io.berth.proto.storage.v1.SearchImagesResponse;

/**
 * What the registry-facing routes need from storage's berth.storage.v1 Distribution (distribution.proto):
 * pull and push streams, login, manifest lookups. Every method throws the peer's
 * {@link io.berth.common.errors.BerthException} category.
 */
public interface DistributionBackend {
    /** @return a started PullImage stream of progress messages */
    ResponseStream<DistributionProgress> pullImage(PullImageRequest request);

    /** @return a started PushImage stream of progress messages */
    ResponseStream<DistributionProgress> pushImage(PushImageRequest request);

    /** @return storage Login */
    LoginResponse login(LoginRequest request);

    /** @return storage SearchImages */
    SearchImagesResponse searchImages(SearchImagesRequest request);

    /** @return storage InspectDistribution */
    InspectDistributionResponse inspectDistribution(InspectDistributionRequest request);
}
