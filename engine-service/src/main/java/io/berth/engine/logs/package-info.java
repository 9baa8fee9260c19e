/**
 * Container output: Docker's json-file log (codec, files, queries), conmon's k8s-file log, the followers
 * that convert one into the other, the hub of live output subscribers and the pumps that stream a log to a
 * client at its own pace.
 *
 * <p>Layer 4: may import {@code config}, {@code container} and {@code runtime}.
 */
package io.berth.engine.logs;
