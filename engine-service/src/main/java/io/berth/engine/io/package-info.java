/**
 * The live input and output of each container ({@link io.berth.engine.io.ContainerIo}: its output hub and
 * its attach clients' stdin), kept out of {@code container} so that the records stay plain data.
 *
 * <p>Layer 5: may import {@code config}, {@code container}, {@code runtime}, {@code logs} and {@code stdin}.
 */
package io.berth.engine.io;
