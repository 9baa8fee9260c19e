/**
 * Container output, the json-file driver's log: conmon's k8s-file log as it writes it into the data root
 * ({@link io.berth.engine.logs.K8sLogParser}, one file, gzipped files, the rotated set as one log), Docker's
 * queries over it, rotation, the hub of live output subscribers and the pumps that stream a log to a client at
 * its own pace. There is no converter to dockerd's JSON lines (README, "Container logs (issue 12)").
 *
 * <p>Layer 4: may import {@code config}, {@code container} and {@code runtime}.
 */
package io.berth.engine.logs;
