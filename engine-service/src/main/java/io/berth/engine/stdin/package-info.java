/**
 * Container input: the attach clients' stdin sessions, what they wrote before the container ran, and the
 * connection of the current run's stdin (conmon's attach socket, from {@code runtime}).
 *
 * <p>Layer 4: may import {@code config}, {@code container} and {@code runtime}.
 */
package io.berth.engine.stdin;
