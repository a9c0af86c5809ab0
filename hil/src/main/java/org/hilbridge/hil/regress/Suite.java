package org.hilbridge.hil.regress;

import java.util.List;

/** A loaded suite: its name and its scenarios (see {@link SuiteLoader}, launch/suites/README.md). */
public record Suite(String name, List<SuiteEntry> entries) {
    public Suite {
        entries = List.copyOf(entries);
    }
}
