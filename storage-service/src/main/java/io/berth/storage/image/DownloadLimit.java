package io.berth.storage.image;

import java.util.function.IntSupplier;

/**
 * How many layers one pull downloads at a time: daemon.json's {@code max-concurrent-downloads} /
 * {@code --max-concurrent-downloads} (dockerd's default 3), read from berthd's settings on each pull so that a
 * SIGHUP's new value applies to the next pull. dockerd's download manager counts the limit daemon-wide; berth
 * counts it per pull.
 */
public final class DownloadLimit {
    private final IntSupplier value;

    /** @param value the current setting (values below 1 count as 1) */
    public DownloadLimit(IntSupplier value) {
        this.value = value;
    }

    /** @return the limit now, at least 1 */
    public int current() {
        return Math.max(1, value.getAsInt());
    }
}
