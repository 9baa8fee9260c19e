/**
 * Healthchecks (Docker's {@code HEALTHCHECK} and {@code --health-*}, Engine API 1.41 {@code Config.Healthcheck},
 * {@code State.Health}): the settings with dockerd's defaults and checks (Healthchecks) and the monitor that runs
 * each running container's probe on schedule through the exec machinery and records its results
 * (HealthMonitor).
 *
 * <p>Between {@code exec} and layer 7 ({@code service}, which imports it): may import every lower layer and
 * {@code exec}.
 */
package io.berth.engine.health;
