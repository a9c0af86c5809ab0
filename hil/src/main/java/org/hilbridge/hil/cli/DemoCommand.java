package org.hilbridge.hil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hilbridge.hil.demo.DemoRun;
import org.hilbridge.hil.demo.DemoScenario;
import org.hilbridge.hil.demo.DemoSummary;
import org.hilbridge.hil.report.TerrainPlot;
import org.hilbridge.sim.vehicle.VehicleParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hilbridge demo}: the physics, headless, on the default scenario, with a one-screen summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Drive the default off-road scenario headless as fast as possible and print a summary.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", description = "Scenario seed (terrain, obstacles). Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    long seed;

    @Option(names = "--duration-s", description = "Sim time to run, seconds. Default: ${DEFAULT-VALUE}.", defaultValue = "120")
    double durationS;

    @Option(names = "--vehicle", description = "Vehicle preset: off_road_utility or small_car. Default: ${DEFAULT-VALUE}.",
            defaultValue = "off_road_utility")
    String vehicle;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also write a top-down plot of the course and the trajectory to this PNG file.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        VehicleParams params = switch (vehicle) {
            case "off_road_utility" -> VehicleParams.offRoadUtility();
            case "small_car" -> VehicleParams.smallCar();
            default -> throw new IllegalArgumentException("--vehicle '" + vehicle + "' is not known: allowed are off_road_utility, small_car");
        };
        PrintStream out = System.out;
        out.printf("hilbridge demo: %s on the rolling off-road course (%.0f m square, seed %d), %.0f s of sim time at 1 kHz%n",
                params.name(), DemoScenario.COURSE_SIZE_M, seed, durationS);
        DemoScenario scenario = DemoScenario.create(seed);
        DemoSummary s = new DemoRun(scenario, params, durationS, out).run();
        print(s, out);
        if (plot != null) {
            new TerrainPlot(scenario.course(), 1000).write(plot, scenario.world().obstacles(), s.trajectoryXyM(), s.trajectoryXyM().length / 2,
                    String.format("%s, seed %d, %.0f s", params.name(), seed, s.simSeconds()));
            out.printf("  plot            %s%n", plot.toAbsolutePath());
        }
        return s.overturned() ? 1 : 0;
    }

    static void print(DemoSummary s, PrintStream out) {
        out.println();
        out.println("summary");
        out.printf("  sim time        %.1f s in %.2f s wall: %.0fx real time%n", s.simSeconds(), s.wallSeconds(), s.realTimeFactor());
        out.printf("  distance        %.1f m, mean speed %.2f m/s, max %.2f m/s%n", s.distanceM(), s.meanSpeedMps(), s.maxSpeedMps());
        out.printf("  attitude        max roll %.1f deg, max pitch %.1f deg%n", s.maxRollDeg(), s.maxPitchDeg());
        out.printf("  max sinkage     %.3f m%n", s.maxSinkageM());
        StringBuilder materials = new StringBuilder();
        for (Map.Entry<String, Double> e : s.secondsOnMaterial().entrySet()) {
            materials.append(String.format("%s %.0f%%  ", e.getKey(), 100 * e.getValue() / s.simSeconds()));
        }
        out.printf("  ground          %s%n", materials.toString().trim());
        out.printf("  collisions      %s%n", s.collisions().isEmpty() ? "none" : String.join(", ", s.collisions()));
        out.printf("  result          %s%n", s.overturned() ? "OVERTURNED" : "completed");
    }
}
