package io.berth.common.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a channel to a restarted service from waiting out gRPC's reconnect back-off (1 s growing to 120 s):
 * while the channel is in TRANSIENT_FAILURE its back-off is reset every {@value #RETRY_MILLIS} ms, so it
 * connects again within that time of the service's return (berthd restarts a dead service in about a
 * second). Calls made during the outage still fail at once with UNAVAILABLE (no wait-for-ready), which the
 * gateway answers as a 503 naming the service. A reconnect attempt to a missing unix socket is one failed
 * connect(2), so the retries cost nothing measurable.
 */
public final class QuickReconnect {
    /** Interval of the back-off resets while a channel is down, milliseconds. */
    static final long RETRY_MILLIS = 250;

    private static final class Holder {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grpc-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    private QuickReconnect() {
    }

    /**
     * Watches {@code channel} until it is shut down.
     *
     * @param channel the channel
     * @param <C> the channel type
     * @return the channel
     */
    public static <C extends ManagedChannel> C watch(C channel) {
        arm(channel, channel.getState(false));
        return channel;
    }

    private static void arm(ManagedChannel channel, ConnectivityState seen) {
        if (seen == ConnectivityState.SHUTDOWN) {
            return;
        }
        if (seen == ConnectivityState.TRANSIENT_FAILURE) {
            Holder.TIMER.schedule(() -> {
                ConnectivityState now = channel.getState(false);
                if (now == ConnectivityState.TRANSIENT_FAILURE) {
                    channel.resetConnectBackoff();
                }
                arm(channel, channel.getState(false));
            }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        channel.notifyWhenStateChanged(seen, () -> arm(channel, channel.getState(false)));
    }
}
