/**
 * The embedded DNS server of containers on user-defined networks (issue 8, as dockerd's libnetwork resolver):
 * 127.0.0.11:53 (UDP and TCP) inside each such container's network namespace, answering A (and empty AAAA)
 * records for the names, network aliases and short IDs of the containers on the networks it shares with the
 * asker, and forwarding every other question to the host's resolvers.
 *
 * <p>How the socket gets into the namespace: dockerd binds a random port inside the namespace from a goroutine
 * locked to an OS thread after setns(2), and DNATs 127.0.0.11:53 to it with iptables. In Linux a network
 * namespace is a property of each thread, and a socket stays in the namespace it was created in whichever thread
 * uses it later; a JVM platform thread is one OS thread. So berth creates the two sockets on a short-lived thread
 * of its own that setns(2)es into the container's namespace, binds 127.0.0.11:53 directly (127.0.0.0/8 is all
 * local on {@code lo}) and ends ({@link NetnsSockets}); the engine's selector thread then serves them. No iptables
 * rule, no helper process, nothing to clean up but two file descriptors; questions that are forwarded leave from
 * the engine's own (host) namespace, so a host resolver on loopback (127.0.0.53) works.
 */
package io.berth.engine.network.dns;
