package io.berth.common.grpc;

import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The deadline every internal gRPC call carries unless its caller set one (issue 13, "Between the services"):
 * a service that hangs (SIGSTOP, a dead disk) fails the call with DEADLINE_EXCEEDED, which the gateway answers
 * as a 503 naming the service, instead of a client waiting forever.
 *
 * <ul>
 *   <li>unary calls and the short server streams that only list ({@code ListContainers}, {@code ListImages}):
 *       {@link #DEFAULT} (30 s);</li>
 *   <li>{@code StartContainer}: {@link #START} (5 min);</li>
 *   <li>calls whose work grows with the data or waits for a container ({@link #OVERRIDES}: create with a
 *       volume pre-fill, stop/restart/remove waiting out the stop timeout, prunes, image delete, snapshot
 *       work, {@code docker cp} stat): {@link #LONG} (1 h; a stop timeout longer than that is cut);</li>
 *   <li>streams that last as long as the client wants (logs -f, attach, exec, events, stats, wait, pull/load,
 *       import, export, archives): none.</li>
 * </ul>
 * The value {@code -Dberth.grpc.deadline=<seconds>} replaces {@link #DEFAULT} (tests of a hanging service).
 */
public final class CallDeadlines {
    /** The deadline of an ordinary call. */
    public static final Duration DEFAULT = Duration.ofSeconds(Long.getLong("berth.grpc.deadline", 30));
    /** The deadline of the long calls in {@link #OVERRIDES}. */
    public static final Duration LONG = Duration.ofHours(1);

    /** A start mounts, writes the bundle and waits for runc: seconds, more on a loaded host. */
    static final Duration START = Duration.ofMinutes(5);

    /** Methods whose deadline is not the default (full method names). */
    static final Map<String, Duration> OVERRIDES = Map.ofEntries(
            Map.entry("berth.engine.v1.Containers/CreateContainer", LONG),
            Map.entry("berth.engine.v1.Containers/StartContainer", START),
            Map.entry("berth.engine.v1.Containers/StopContainer", LONG),
            Map.entry("berth.engine.v1.Containers/RemoveContainer", LONG),
            Map.entry("berth.engine.v1.ContainerLifecycle/RestartContainer", LONG),
            Map.entry("berth.engine.v1.ContainerLifecycle/PruneContainers", LONG),
            Map.entry("berth.engine.v1.Volumes/RemoveVolume", LONG),
            Map.entry("berth.engine.v1.Volumes/PruneVolumes", LONG),
            Map.entry("berth.storage.v1.Images/DeleteImage", LONG),
            Map.entry("berth.storage.v1.Snapshots/Prepare", LONG),
            Map.entry("berth.storage.v1.Snapshots/Remove", LONG),
            Map.entry("berth.storage.v1.Snapshots/Usage", LONG),
            Map.entry("berth.storage.v1.Snapshots/Changes", LONG),
            // server streams that are bounded answers, not open-ended streams
            Map.entry("berth.engine.v1.Containers/ListContainers", DEFAULT),
            Map.entry("berth.storage.v1.Images/ListImages", DEFAULT));

    private CallDeadlines() {
    }

    /**
     * @param method the method being called
     * @return its default deadline, or null for an open-ended stream
     */
    public static Duration of(MethodDescriptor<?, ?> method) {
        String name = method.getFullMethodName();
        Duration own = OVERRIDES.get(name);
        if (own != null) {
            return own;
        }
        return method.getType() == MethodDescriptor.MethodType.UNARY ? DEFAULT : null;
    }
}
