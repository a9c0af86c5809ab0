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

    @Option(names = "--record", paramLabel = "BAG",
            description = "Record the ROS topics and the applied commands into a ROS bag v2.0 (replay it with `hilbridge replay BAG`, check it with --check).")
    Path record;

    @Option(names = "--record-topics", paramLabel = "T1,T2", split = ",",
            description = "Record only these topics (e.g. /imu/data,/camera/image_raw); default all. /hilbridge/run and /hilbridge/applied_command are always recorded.")
    java.util.List<String> recordTopics = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!recordTopics.isEmpty() && record == null) {
            throw new IllegalArgumentException("--record-topics needs --record BAG");
        }
        ScenarioSession session = ScenarioSession.load(scenario, options.config, options.overrides);
        Recording recording = record == null ? null
                : new Recording(record, org.hilbridge.hil.record.TopicSelection.parse(String.join(",", recordTopics)), scenario, options.config, options.overrides);
        return session.run(System.out, plot, recording);
    }
}
