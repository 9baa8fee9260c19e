package io.berth.gateway.types.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.storage.v1.InspectDistributionResponse;
import java.util.List;

/**
 * The answer of GET /distribution/{name}/json (API 1.41 {@code registry.DistributionInspect}).
 *
 * @param descriptor the manifest's (or index's) OCI descriptor
 * @param platforms the platforms it offers
 */
public record DistributionInspect(@JsonProperty("Descriptor") Descriptor descriptor,
                                  @JsonProperty("Platforms") List<Platform> platforms) {
    /**
     * @param mediaType media type
     * @param digest digest
     * @param size size in bytes
     */
    public record Descriptor(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                             @JsonProperty("size") long size) {
    }

    /**
     * An OCI platform as Go's ocispec.Platform marshals it.
     *
     * @param architecture architecture
     * @param os os
     * @param osVersion os.version, omitted when empty
     * @param osFeatures os.features, omitted when empty
     * @param variant variant, omitted when empty
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Platform(@JsonProperty("architecture") String architecture, @JsonProperty("os") String os,
                           @JsonProperty("os.version") String osVersion,
                           @JsonProperty("os.features") List<String> osFeatures,
                           @JsonProperty("variant") String variant) {
    }

    /**
     * @param r storage's answer
     * @return the API record
     */
    public static DistributionInspect of(InspectDistributionResponse r) {
        return new DistributionInspect(new Descriptor(r.getMediaType(), r.getDigest(), r.getSize()),
                r.getPlatformsList().stream().map(p -> new Platform(p.getArchitecture(), p.getOs(), p.getOsVersion(),
                        List.copyOf(p.getOsFeaturesList()), p.getVariant())).toList());
    }
}
