package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hilbridge run SCENARIO}: runs a scenario to its end and prints a summary and the verdict. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (YAML) with the bridge configuration; print progress, a summary and the pass/fail verdict.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:completed, every criterion passed", "1:completed, a criterion failed", "2:bad scenario, configuration or command line",
            "3:internal error", "130/143:stopped by SIGINT/SIGTERM (summary printed)"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), e.g. launch/scenarios/flat_asphalt.yaml.")
    Path scenario;


    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--plot", paramLabel = "PNG", description = "Also write a top-down plot of the terrain and the trajectory.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        return ScenarioSession.load(scenario, options.config, options.overrides).run(System.out, plot);
    }
}
