package io.berth.monitor.events;

import io.berth.proto.monitor.v1.Event;

/**
 * What a subscriber asks for, as in Docker's {@code GET /events?since=&until=&filters=} (API 1.41), with
 * times in nanoseconds since the Unix epoch.
 *
 * @param filter which events
 * @param sinceNano only events at or after this time; 0 = no past events, only live ones
 * @param untilNano only events at or before this time; 0 = follow live events until cancelled
 */
public record EventQuery(EventFilter filter, long sinceNano, long untilNano) {
    /** @return a query for live events only, unfiltered */
    public static EventQuery live() {
        return new EventQuery(EventFilter.all(), 0, 0);
    }

    /**
     * @param e an event
     * @return true if {@code e}'s time is inside [since, until] (an unset bound is open) and it passes the filter
     */
    public boolean accepts(Event e) {
        long t = e.getTimeNano();
        return (sinceNano == 0 || t >= sinceNano) && (untilNano == 0 || t <= untilNano) && filter.test(e);
    }
}
