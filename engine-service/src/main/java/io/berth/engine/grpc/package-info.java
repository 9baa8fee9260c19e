/**
 * The gRPC face of the engine: berth.engine.v1 Containers (ContainersGrpcService), its streaming calls
 * (attach, wait) and the mapping between the proto messages and the engine's records; berth.engine.v1
 * Archives (ArchivesGrpcService) over the {@code archive} package.
 *
 * <p>Layer 9: may import every lower layer, never the root package.
 */
package io.berth.engine.grpc;
