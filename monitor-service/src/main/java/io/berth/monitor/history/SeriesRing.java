package io.berth.monitor.history;

/**
 * A fixed-size ring of time-stamped points, each with the same number of values, oldest overwritten first.
 * Thread-safe; {@link #columns} copies out in uPlot's column-major layout.
 */
public final class SeriesRing {
    private final long[] times;
    private final double[][] values;
    private int next;
    private int size;

    /**
     * @param capacity how many points it keeps (600: ten minutes at one a second)
     * @param width values per point
     */
    public SeriesRing(int capacity, int width) {
        times = new long[capacity];
        values = new double[capacity][width];
    }

    /**
     * @param timeMillis the point's time, Unix milliseconds
     * @param point its values (exactly the ring's width)
     */
    public synchronized void add(long timeMillis, double... point) {
        times[next] = timeMillis;
        System.arraycopy(point, 0, values[next], 0, values[next].length);
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** @return the number of points held */
    public synchronized int size() {
        return size;
    }

    /**
     * @return {@code [times in Unix seconds (fractions kept), values[0]..., values[1]..., ...]}, oldest first,
     *     each array {@link #size()} long
     */
    public synchronized double[][] columns() {
        int width = values.length == 0 ? 0 : values[0].length;
        double[][] out = new double[width + 1][size];
        int start = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int at = (start + i) % times.length;
            out[0][i] = times[at] / 1000.0;
            for (int c = 0; c < width; c++) {
                out[c + 1][i] = values[at][c];
            }
        }
        return out;
    }
}
