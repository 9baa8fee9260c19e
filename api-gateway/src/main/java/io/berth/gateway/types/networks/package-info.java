/**
 * Jackson records of the Docker Engine API 1.41 network routes ({@code /networks}), named as in the swagger
 * definitions and moby's api/types (NetworkResource, NetworkCreateRequest, NetworkConnect, NetworkDisconnect),
 * with the mappers from the engine's berth.engine.v1 Networks protos.
 */
package io.berth.gateway.types.networks;
