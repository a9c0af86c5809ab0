package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hilbridge.hil.fault.FaultSchedule;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.terrain.HeightField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hilbridge check SCENARIO}: loads and validates everything a run would, without running. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a scenario and the bridge configuration without running: every key, value and file a run would use.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:valid", "2:invalid (the message names the key, the value and what is allowed)"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenario;


    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() throws Exception {
        ScenarioSession session = ScenarioSession.load(scenario, options.config, options.overrides);
        Runner.validate(session.scenario, session.config);
        Scenario s = session.scenario;
        System.out.printf("%s: OK%n", scenario);
        if (s.world().terrain() instanceof HeightField f) {
            System.out.printf("  terrain     %.0f x %.0f m at %.2f m cells, materials %s%n", f.widthM(), f.depthM(), f.cellSizeM(),
                    f.palette().stream().map(m -> m.name()).distinct().toList());
        }
        System.out.printf("  weather     %s, intensity %.2f, surface %s%n", s.weather().condition(), s.weather().intensity(), s.weather().surface());
        System.out.printf("  vehicle     %s, ABS %s, start (%.1f, %.1f) m heading %.1f deg at %.1f m/s%n", s.vehicle().name(),
                s.vehicle().drivetrain().absEnabled() ? "on" : "off", s.initial().xM(), s.initial().yM(), Math.toDegrees(s.initial().yawRad()), s.initial().speedMps());
        System.out.printf("  sensors     %s%n", s.sensors().stream().map(x -> x.name() + " (" + x.type() + ", " + x.rateHz() + " Hz)").toList());
        System.out.printf("  obstacles   %d; route %d waypoints; goal %s%n", s.world().obstacles().size(), s.route().size(),
                s.goal() == null ? "none" : String.format("(%.1f, %.1f) m within %.1f m", s.goal().xM(), s.goal().yM(), s.goal().radiusM()));
        if (s.augment().enabled()) {
            System.out.printf("  augment     %s backend, primary image %s, changes %s%s%n", s.augment().backend(), s.augment().primary(),
                    s.augment().base(s.weather()).changes(), s.augment().sampleKeys().isEmpty() ? "" : ", sampled " + s.augment().sampleKeys());
        }
        if (s.faults().isEmpty()) {
            System.out.printf("  faults      none%n");
        }
        for (Scenario.FaultSpec f : s.faults()) {
            System.out.printf("  fault       %s, %s%n", FaultSchedule.describe(f), f.durationS() == 0 ? String.format("from %.3f s on", f.atS())
                    : String.format("%.3f s to %.3f s", f.atS(), f.atS() + f.durationS()));
        }
        System.out.printf("  run         %.0f s, seed %d, %s pacing, controller %s, watchdog %.2f s%n", s.durationS(), s.seed(),
                session.config.pacing(), session.config.controller(), session.config.watchdogTimeoutS());
        return ExitCodes.OK;
    }
}
