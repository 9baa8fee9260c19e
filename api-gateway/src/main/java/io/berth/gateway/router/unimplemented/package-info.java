/**
 * The Docker Engine API 1.41 endpoints berth knows but does not implement yet, in one table
 * ({@link io.berth.gateway.router.unimplemented.UnimplementedRouter}): 501 with a "berth does not implement
 * ... yet" message, and 404 with dockerd's messages for the lookups {@code docker inspect} walks.
 */
package io.berth.gateway.router.unimplemented;
