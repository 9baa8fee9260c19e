/**
 * Docker Engine API 1.41 JSON shapes, one package per resource, with field names exactly as in the swagger
 * (docker-engine-api-v1.41.yaml), and Docker's time formats ({@link io.berth.gateway.types.DockerTime}).
 */
package io.berth.gateway.types;
