/**
 * The registry-facing routes that are not image routes (Docker Engine API 1.41, moby
 * {@code api/server/router/system} postAuth and {@code router/distribution}): POST /auth and GET
 * /distribution/{name}/json, over storage's berth.storage.v1 Distribution ({@link
 * io.berth.gateway.router.registry.DistributionBackend}, which the image router's pull and push use too).
 */
package io.berth.gateway.router.registry;
