/**
 * What watches running containers: their exits (ExitWatcher, on conmon's exit files), their output
 * (LogWatch) and, together for one run, RunWatch.
 *
 * <p>Layer 6: may import every lower layer ({@code config}, {@code container}, {@code client},
 * {@code runtime}, {@code logs}, {@code stdin}, {@code io}).
 */
package io.berth.engine.watch;
