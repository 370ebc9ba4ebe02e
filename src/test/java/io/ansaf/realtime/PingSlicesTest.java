package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PingSlicesTest {
    private final PingSlices slices = new PingSlices();

    @Test
    void socketsAreSpreadEvenlyOverTheSlices() {
        int[] perSlice = new int[PingSlices.SLICES];
        for (int i = 0; i < 10_000; i++) perSlice[slices.assign()]++;
        for (int n : perSlice) assertEquals(10_000 / PingSlices.SLICES, n);
    }

    @Test
    void everySliceComesRoundOncePerInterval() {
        for (int interval = 0; interval < 3; interval++) {
            Set<Integer> pinged = new HashSet<>();
            for (int tick = 0; tick < PingSlices.SLICES; tick++) pinged.add(slices.next());
            assertEquals(PingSlices.SLICES, pinged.size());
        }
    }

    @Test
    void oneIntervalIsOneRoundOfTicks() {
        assertEquals(1000, PingSlices.tickMillis(25));
        assertEquals(40, PingSlices.tickMillis(1));
    }
}
