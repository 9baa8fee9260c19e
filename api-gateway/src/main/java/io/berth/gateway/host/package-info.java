/**
 * What the gateway measures about the host and about itself for Docker Engine API 1.41 {@code GET /info} and
 * {@code GET /version}: host files ({@link io.berth.gateway.host.HostFacts}), cgroup controls
 * ({@link io.berth.common.cgroup.CgroupProbe}), networking sysctls, open file descriptors, the debug flag and
 * the live events streams ({@link io.berth.gateway.host.EventsListeners}), gathered into one
 * {@link io.berth.gateway.host.SystemFacts} by {@link io.berth.gateway.host.SystemFactsProbe}. Nothing here
 * imports a router or a type: the system backend serves these facts and the types' mappers read them.
 */
package io.berth.gateway.host;
