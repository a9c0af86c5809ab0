package org.hilbridge.hil.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The off-road course scenario (launch/scenarios/offroad_course.yaml) that `hilbridge demo` runs and the
 * benchmarks measure, found under the checkout named by the system property hilbridge.home (the launcher
 * sets it; the working directory otherwise).
 */
public final class DefaultScenario {
    public static final String RELATIVE_PATH = "launch/scenarios/offroad_course.yaml";

    private DefaultScenario() {
    }

    public static Path path() {
        return Path.of(System.getProperty("hilbridge.home", ".")).resolve(RELATIVE_PATH);
    }

    /** Loads it with the process environment and the given --set overrides. */
    public static Scenario load(List<String> overrides) throws IOException {
        return new ScenarioLoader(System.getenv()).load(path(), overrides);
    }
}
