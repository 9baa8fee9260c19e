/**
 * The engine-service process: its main class (EngineMain), its Guice bindings (EngineModule) and its
 * start and stop (Engine).
 *
 * <p>Layer 10, the top: may import every package of the engine. The layers, lowest first: {@code config};
 * {@code container}; {@code client} and {@code runtime}; {@code logs} and {@code stdin}; {@code io};
 * {@code watch}; {@code service}; {@code daemon}; {@code grpc}; this package. A package imports only
 * packages of lower layers (checked with {@code jdeps -verbose:package engine-service/target/classes}).
 */
package io.berth.engine;
