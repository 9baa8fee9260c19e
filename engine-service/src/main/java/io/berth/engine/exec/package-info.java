/**
 * {@code docker exec} (Engine API 1.41 {@code /containers/{id}/exec}, {@code /exec/{id}/...}): exec records and
 * their in-memory store (ExecStore, dockerd's clean-up of finished execs), the launcher that runs each exec
 * under a conmon of its own in exec mode (ExecLauncher), the running process with its attach socket and control
 * FIFO (ExecProcess), and the operations the gRPC service calls (ExecService).
 *
 * <p>Between layer 6 ({@code watch}) and layer 7 ({@code service}, which imports it): may import every lower layer ({@code config},
 * {@code container}, {@code client}, {@code runtime}, {@code logs}, {@code stdin}, {@code io}, {@code watch}).
 */
package io.berth.engine.exec;
