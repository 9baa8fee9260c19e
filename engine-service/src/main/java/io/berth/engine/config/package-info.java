/**
 * The engine's settings and where its files are: {@link io.berth.engine.config.EngineConfig} (the flags of
 * engine-service and the data-root and exec-root paths derived from them) and
 * {@link io.berth.engine.config.Bundle} (the layout of one container's OCI bundle).
 *
 * <p>Layer 1 of the engine, the lowest (see the README's notes): imports nothing of the engine.
 */
package io.berth.engine.config;
