package io.berth.engine.stdin;

import io.berth.engine.runtime.StdinConnection;
import java.io.IOException;

/** Where the stdin of a container's current run can be reached (its conmon attach socket). */
@FunctionalInterface
public interface StdinTarget {
    /**
     * @return a new connection to the run's stdin; the caller closes it
     * @throws IOException if the run's stdin cannot be reached (it ended meanwhile)
     */
    StdinConnection connect() throws IOException;
}
