/**
 * The engine's clients of the other services: images and snapshots from storage-service
 * ({@code berth.storage.v1}) and the container events it publishes to the monitor (through common's
 * {@code EventPublisher}).
 *
 * <p>Layer 3: may import {@code config} and {@code container}.
 */
package io.berth.engine.client;
