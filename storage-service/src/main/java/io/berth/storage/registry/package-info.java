/**
 * The Registry HTTP API v2 client side (distribution spec v1.0 / OCI distribution-spec v1.0): manifests and
 * indexes ({@link io.berth.storage.registry.Manifests}), authentication (Basic and Bearer token,
 * {@link io.berth.storage.registry.RegistryAuthenticator}), a session per repository that talks HTTP with the
 * JDK's {@link java.net.http.HttpClient} ({@link io.berth.storage.registry.RegistrySession}) and the checks
 * that treat every registry response as hostile (bounded sizes, digests, Content-Length, redirects).
 * Knows nothing of the image store: {@code io.berth.storage.image.ImagePuller} and {@code ImagePusher} use it.
 */
package io.berth.storage.registry;
