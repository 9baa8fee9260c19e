package io.berth.monitor.history;

import io.berth.proto.monitor.v1.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The latest {@value #CAPACITY} events for the page, each numbered in arrival order so the live updates can
 * send only those a page has not seen ({@link #after}).
 */
public final class RecentEvents {
    /** How many events are kept. */
    public static final int CAPACITY = 100;

    /**
     * An event with its arrival number.
     *
     * @param seq 1 for the first event the monitor saw, then +1 per event
     * @param event the event
     */
    public record Numbered(long seq, Event event) {
    }

    private final Deque<Numbered> events = new ArrayDeque<>();
    private long seq;

    /** @param e an event, newest last */
    public synchronized void add(Event e) {
        events.addLast(new Numbered(++seq, e));
        if (events.size() > CAPACITY) {
            events.removeFirst();
        }
    }

    /** @return the number of the newest event, 0 if none */
    public synchronized long lastSeq() {
        return seq;
    }

    /**
     * @param seq an arrival number
     * @return the kept events numbered above it, oldest first
     */
    public synchronized List<Numbered> after(long seq) {
        List<Numbered> out = new ArrayList<>();
        for (Numbered n : events) {
            if (n.seq() > seq) {
                out.add(n);
            }
        }
        return out;
    }
}
