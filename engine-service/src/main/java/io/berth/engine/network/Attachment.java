package io.berth.engine.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of a container's endpoint record ({@link EndpointStore}): the network, what was asked, and what the
 * plumbing made of it.
 *
 * @param network the network as it was when attached (detach needs the same configuration, even after the network
 *     record changed or went)
 * @param request the attachment as requested
 * @param endpoint the result of {@link NetworkPlumbing#attach}; null while the attach has not finished (a crash
 *     then: detach anyway)
 */
public record Attachment(
        @JsonProperty("Network") NetworkDefinition network,
        @JsonProperty("Request") EndpointRequest request,
        @JsonProperty("Endpoint") Endpoint endpoint) {

    /**
     * @param e the result of the attach
     * @return a copy with the endpoint set
     */
    public Attachment withEndpoint(Endpoint e) {
        return new Attachment(network, request, e);
    }
}
