package io.berth.monitor.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeriesRingTest {
    @Test
    void columns_areOldestFirst_andTheOldestIsOverwrittenWhenFull() {
        SeriesRing ring = new SeriesRing(3, 2);
        for (int i = 1; i <= 5; i++) {
            ring.add(i * 1000L, i, i * 10);
        }
        assertEquals(3, ring.size());
        double[][] c = ring.columns();
        assertArrayEquals(new double[] {3, 4, 5}, c[0], "times in seconds");
        assertArrayEquals(new double[] {3, 4, 5}, c[1]);
        assertArrayEquals(new double[] {30, 40, 50}, c[2]);
    }

    @Test
    void columns_ofAnEmptyRing_areEmpty() {
        double[][] c = new SeriesRing(600, 8).columns();
        assertEquals(9, c.length);
        assertEquals(0, c[0].length);
    }
}
