/**
 * Docker Engine API 1.41 JSON shapes as Jackson records, one package per resource, with field names exactly
 * as in the swagger (docker-engine-api-v1.41.yaml): the response records and their mappers from the protos
 * ({@code *Mapper}), and in {@code containers.create} the binding of the create request's JSON to the
 * engine's proto. Times are formatted with {@link io.berth.common.time.DockerTime}.
 */
package io.berth.gateway.types;
