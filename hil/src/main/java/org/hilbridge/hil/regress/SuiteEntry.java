package org.hilbridge.hil.regress;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario of a suite: its file, fixed overrides, the sweep that expands it into runs, its system under
 * test and its criteria.
 *
 * @param label    the name its runs start with (the entry's name, or the scenario file's base name)
 * @param set      fixed overrides, key to value (scenario or bridge keys, as `hilbridge run --set`)
 * @param sweep    key to the values it takes, in file order; runs are the cross product
 */
public record SuiteEntry(String label, Path scenarioFile, Map<String, String> set, Map<String, List<String>> sweep,
                         SystemUnderTest system, SuiteCriteria criteria) {
    public SuiteEntry {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        sweep.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        sweep = Collections.unmodifiableMap(copy);
    }
}
