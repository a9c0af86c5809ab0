package org.hilbridge.hil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hilbridge.hil.scenario.DefaultScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hilbridge demo}: the main job as a newcomer first sees it: the off-road course scenario
 * (launch/scenarios/offroad_course.yaml) run headless through the runner by the built-in route follower,
 * with progress, a summary and the verdict.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the off-road course scenario headless with the built-in route follower and print a summary.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration-s", paramLabel = "S", description = "Sim time to run (default: the scenario's).")
    Double durationS;

    @Option(names = "--seed", description = "Scenario seed (default: the scenario's).")
    Long seed;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--plot", paramLabel = "PNG", description = "Also write a top-down plot of the course and the trajectory.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        Path scenario = DefaultScenario.path();
        if (!Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("the demo scenario " + scenario + " is missing: run ./hilbridge from the hilbridge checkout");
        }
        List<String> sets = new ArrayList<>(options.overrides);
        if (durationS != null) {
            sets.add("duration_s=" + durationS);
        }
        if (seed != null) {
            sets.add("seed=" + seed);
        }
        return ScenarioSession.load(scenario, options.config, sets).run(System.out, plot);
    }
}
