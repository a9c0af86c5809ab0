package org.hilbridge.hil.regress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One concrete run of a suite.
 *
 * @param index      its place in the suite's expansion (0-based; shards pick by it)
 * @param name       stable name: the entry's label, then each swept key=value in sweep order
 * @param sweepValues the swept keys and this run's values
 * @param overrides  every override for the loaders, key=value (fixed ones, then the sweep's, then the criteria's)
 */
public record RunSpec(int index, String name, SuiteEntry entry, Map<String, String> sweepValues, List<String> overrides) {
    public RunSpec {
        sweepValues = Collections.unmodifiableMap(new LinkedHashMap<>(sweepValues));
        overrides = List.copyOf(overrides);
    }
}
