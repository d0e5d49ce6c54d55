package com.llmea.signal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A {@link ForecastCache} in memory, for one process. Not thread-safe. */
public final class MemoryForecastCache implements ForecastCache {
    private record Key(long barTime, double[] closes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.barTime == barTime && Arrays.equals(k.closes, closes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(barTime) * 31 + Arrays.hashCode(closes);
        }
    }

    private final Map<Key, Forecast> map = new HashMap<>();

    @Override
    public Forecast get(long barTime, double[] closes) {
        return map.get(new Key(barTime, closes));
    }

    @Override
    public void put(long barTime, double[] closes, Forecast forecast) {
        map.put(new Key(barTime, closes.clone()), forecast);
    }

    public int size() {
        return map.size();
    }
}
