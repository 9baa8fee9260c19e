/**
 * One router per Docker Engine API resource (system, events, images, containers), each with its route table
 * first and handlers named as in moby's {@code api/server/router}, a narrow {@code XxxBackend} interface of
 * what it needs from the services, and a {@code GrpcXxxBackend} implementing it over the gRPC stubs; helpers
 * more than one router uses ({@code StreamedDownloads}) live here.
 */
package io.berth.gateway.router;
