package io.berth.gateway.types.containers;

import java.time.Duration;

/**
 * Docker's human-readable durations (go-units {@code HumanDuration}), used in the Status column of
 * {@code GET /containers/json} ("Up 3 seconds", "Exited (3) 2 minutes ago").
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    /**
     * @param d a duration (negative counts as zero)
     * @return "Less than a second", "1 second", "N seconds", "About a minute", "N minutes", "About an hour",
     *     "N hours", "N days", "N weeks", "N months" or "N years"
     */
    public static String of(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return seconds / 3600 / 24 / 365 + " years";
    }
}
