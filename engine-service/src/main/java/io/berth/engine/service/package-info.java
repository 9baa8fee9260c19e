/**
 * The container operations behind berth.engine.v1 Containers: create, start, stop, kill, remove, wait,
 * attach, logs, inspect and list, each in its own class, and the handling of a container's exit.
 *
 * <p>Layer 7: may import every lower layer, never {@code daemon}, {@code grpc} or the root package.
 */
package io.berth.engine.service;
