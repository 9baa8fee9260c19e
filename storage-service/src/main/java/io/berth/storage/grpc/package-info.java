/** Thin gRPC adapters serving berth.storage.v1 Images and Snapshots. */
package io.berth.storage.grpc;
