package org.hilbridge.hil.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.hilbridge.hil.runner.CriterionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The suites in launch/suites, run as `hilbridge regress` runs them (fast pacing): the CI suite passes, the
 * weather sweep's outcomes move the way physics says, the broken stack fails the right criteria, the JUnit
 * XML is valid junit-4 and reads back, and shards merge into the unsharded report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class ShippedSuitesTest {
    private static final Path SUITES = Path.of("../launch/suites");

    private Path dir;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private Suite ci;
    private List<RunResult> ciResults;
    private Path ciOut;

    private List<RunResult> run(Suite suite, List<RunSpec> runs, Path out, int jobs) throws IOException, InterruptedException {
        RegressPlan plan = new RegressPlan(Map.of());
        plan.check(runs);
        return new RegressSession(plan, new PrintStream(progress, true, StandardCharsets.UTF_8), true).run(suite, runs, out, jobs);
    }

    @BeforeAll
    void runTheCiSuite(@TempDir Path tempDir) throws IOException, InterruptedException {
        dir = tempDir;
        ci = new SuiteLoader().load(SUITES.resolve("ci.yaml"));
        ciOut = dir.resolve("ci");
        ciResults = run(ci, RegressPlan.expand(ci, List.of()), ciOut, 2);
    }

    @Test
    void theCiSuiteHasTwoTerrainsTimesThreeSeedsAndEveryRunPasses() {
        assertEquals(6, ciResults.size());
        assertEquals(2, ciResults.stream().map(RunResult::scenario).distinct().count());
        assertEquals(List.of("1", "2", "3"), ciResults.stream().filter(r -> r.scenario().equals("flat_asphalt")).map(r -> r.sweepValues().get("seed")).toList());
        for (RunResult r : ciResults) {
            assertTrue(r.passed(), r.name() + ": " + JUnitXmlReport.failureMessage(r));
            // Each criterion the suite asks for was measured and reported.
            List<String> names = r.criteria().stream().map(CriterionResult::name).toList();
            assertTrue(names.containsAll(List.of("goal_reached", "no_collision", "no_watchdog_stop", "max_cross_track_error", "loop_latency_p99")), names.toString());
        }
        RunResult obstacles = ciResults.stream().filter(r -> r.scenario().equals("obstacle_field")).findFirst().orElseThrow();
        // obstacle_field.yaml: the nearest edges stand 3.5 m from the straight route (post_1: 4 m - 0.2 m radius = 3.8 m;
        // crate_1's near edge at 4.5 - 0.6 = 3.9 m; post_5 at 4 - 0.2 = 3.8 m; ...): a follower on the line clears 3.5 m or more.
        assertTrue(obstacles.metric(RunResult.MIN_CLEARANCE_M) >= 3.5 && obstacles.metric(RunResult.MIN_CLEARANCE_M) < 4.0,
                "clearance " + obstacles.metric(RunResult.MIN_CLEARANCE_M));
        String log = progress.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("6/6  pass 6  fail 0"), log);
    }

    @Test
    void everyRunFolderHoldsItsResultAndItsPngs() throws IOException {
        for (RunResult r : ciResults) {
            Path runDir = ciOut.resolve("runs").resolve(r.name());
            assertEquals(List.of("trajectory over the terrain", "speed and steering over time", "loop-latency histogram"), List.copyOf(r.images().keySet()));
            for (String f : r.images().values()) {
                assertTrue(ImageIO.read(runDir.resolve(f).toFile()).getWidth() > 100, runDir.resolve(f).toString());
            }
            assertEquals(r, RunResultFile.read(runDir.resolve(RunResultFile.FILE_NAME)));
        }
        String html = Files.readString(ciOut.resolve("index.html"));
        assertTrue(html.contains("Outcomes by seed") && html.contains("Outcomes by scenario") && html.contains("runs/asphalt__seed-1/trajectory.png"), html);
    }

    @Test
    void theJUnitXmlIsValidJunit4AndReadsBackWithTheMeasuredValues() throws Exception {
        Suite broken = new SuiteLoader().load(SUITES.resolve("broken_stack.yaml"));
        Path out = dir.resolve("broken-xml");
        List<RunResult> results = run(broken, RegressPlan.expand(broken, List.of()), out, 1);
        for (Path xml : List.of(out.resolve("junit.xml"), ciOut.resolve("junit.xml"))) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(getClass().getResourceAsStream("/regress/junit-4.xsd")))
                    .newValidator().validate(new StreamSource(xml.toFile()));
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        Element suite = (Element) doc.getDocumentElement().getElementsByTagName("testsuite").item(0);
        assertEquals("broken_stack", suite.getAttribute("name"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element brokenCase = (Element) cases.item(0);
        assertEquals("inverted_steering", brokenCase.getAttribute("name"));
        assertEquals("hilbridge.regress.broken_stack.obstacle_field", brokenCase.getAttribute("classname"));
        Element failure = (Element) brokenCase.getElementsByTagName("failure").item(0);
        RunResult r = results.get(0);
        assertEquals(JUnitXmlReport.failureMessage(r), failure.getAttribute("message"));
        String crossTrack = r.criteria().stream().filter(c -> c.name().equals("max_cross_track_error")).findFirst().orElseThrow().measured();
        assertTrue(failure.getAttribute("message").contains("max_cross_track_error: " + crossTrack + " (required <= 1.50 m (CG to the route, until the goal))"), failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("FAIL goal_reached: not reached"), failure.getTextContent());
        assertEquals(0, ((Element) cases.item(1)).getElementsByTagName("failure").getLength());
        // A run that could not complete is an <error>, still valid.
        RunResult error = new RunResult(0, "x", "s", "flat_asphalt", Map.of(), false,
                List.of(new CriterionResult("completed", false, "IllegalStateException: <boom> & \"quotes\"", "the run completes")), 0, 0.5,
                "<boom> & \"quotes\"", Map.of(), Map.of());
        Path errXml = dir.resolve("error.xml");
        JUnitXmlReport.write("s", List.of(error), errXml);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(getClass().getResourceAsStream("/regress/junit-4.xsd")))
                .newValidator().validate(new StreamSource(errXml.toFile()));
        Element e = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(errXml.toFile()).getElementsByTagName("error").item(0);
        assertEquals("<boom> & \"quotes\"", e.getAttribute("message"));
    }

    @Test
    void theBrokenStackFailsExactlyGoalAndCrossTrackWhileTheSameStartPassesWithTheCorrectFollower() throws IOException, InterruptedException {
        Suite broken = new SuiteLoader().load(SUITES.resolve("broken_stack.yaml"));
        List<RunResult> results = run(broken, RegressPlan.expand(broken, List.of()), dir.resolve("broken"), 2);
        RunResult inverted = results.get(0);
        RunResult control = results.get(1);
        assertEquals("inverted_steering", inverted.name());
        assertFalse(inverted.passed());
        assertNull(inverted.error());
        assertEquals(List.of("goal_reached", "max_cross_track_error"), inverted.failed().stream().map(CriterionResult::name).toList());
        assertEquals("not reached", inverted.failed().get(0).measured());
        // Steering away from the route leaves it far behind: well over the bound, with the value in the message.
        assertTrue(inverted.metric(RunResult.MAX_CROSS_TRACK_M) > 10, inverted.failed().get(1).measured());
        assertTrue(control.passed(), JUnitXmlReport.failureMessage(control));
        // The correct follower starts 1 m off the route (the largest error) and closes it.
        assertEquals(1.0, control.metric(RunResult.MAX_CROSS_TRACK_M), 0.05);
    }

    @Test
    void lessGripMeansALaterGoalInTheWeatherSweep() throws IOException, InterruptedException {
        Suite weather = new SuiteLoader().load(SUITES.resolve("weather_sweep.yaml"));
        List<RunResult> results = run(weather, RegressPlan.expand(weather, List.of()), dir.resolve("weather"), 3);
        assertEquals(List.of("clear", "rain", "snow"), results.stream().map(r -> r.sweepValues().get("weather.condition")).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + JUnitXmlReport.failureMessage(r)));
        double clear = results.get(0).metric(RunResult.TIME_TO_GOAL_S);
        double rain = results.get(1).metric(RunResult.TIME_TO_GOAL_S);
        double snow = results.get(2).metric(RunResult.TIME_TO_GOAL_S);
        // Traction-limited acceleration a <= mu g (Coulomb friction): dry asphalt's mu > wet asphalt's > snow's, so
        // the same 12 m/s route takes longer to reach as the surface loses grip.
        assertTrue(clear < rain && rain < snow, "time to goal clear " + clear + " s, rain " + rain + " s, snow " + snow + " s");
        double[] speed = results.stream().mapToDouble(r -> r.metric(RunResult.MEAN_SPEED_MPS)).toArray();
        assertTrue(speed[0] > speed[1] && speed[1] > speed[2], "mean speed to the goal " + java.util.Arrays.toString(speed));
        // The sweep's camera: two snapshots per run, raw and augmented for the run's weather, as PNGs in the report.
        for (RunResult r : results) {
            List<String> cams = r.images().values().stream().filter(f -> f.startsWith("camera_")).toList();
            assertEquals(List.of("camera_front_camera_0_raw.png", "camera_front_camera_0_augmented.png", "camera_front_camera_1_raw.png",
                    "camera_front_camera_1_augmented.png"), cams, r.name());
            for (String f : cams) {
                assertEquals(160, ImageIO.read(dir.resolve("weather/runs").resolve(r.name()).resolve(f).toFile()).getWidth(), f);
            }
        }
    }

    @Test
    void threeShardsMergeIntoTheUnshardedReport() throws IOException, InterruptedException {
        List<RunSpec> all = RegressPlan.expand(ci, List.of());
        List<Path> shardDirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path out = dir.resolve("shard" + i);
            run(ci, new Shard(i, 3).select(all), out, 1);
            shardDirs.add(out);
        }
        Path merged = dir.resolve("merged");
        List<RunResult> results = RegressSession.merge(shardDirs, merged);
        assertEquals(ciResults.stream().map(RunResult::name).toList(), results.stream().map(RunResult::name).toList());
        // Identical but for wall-clock times.
        assertEquals(withoutWallTimes(Files.readString(ciOut.resolve("junit.xml"))), withoutWallTimes(Files.readString(merged.resolve("junit.xml"))));
        assertEquals(withoutWallTimes(Files.readString(ciOut.resolve("index.html"))), withoutWallTimes(Files.readString(merged.resolve("index.html"))));
        assertEquals(files(ciOut), files(merged));
        // Merging a shard twice is refused: a run would count twice.
        String m = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> RegressSession.merge(List.of(shardDirs.get(0), shardDirs.get(0)), dir.resolve("twice"))).getMessage();
        assertTrue(m.contains("more than one"), m);
    }

    private static String withoutWallTimes(String text) {
        return text.replaceAll("time=\"[0-9.]+\"", "time=\"T\"").replaceAll("in [0-9.]+ s</p>", "in T s</p>");
    }

    /** Every file under a report folder with its size (PNGs included), but result files without wall_seconds. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.endsWith(RunResultFile.FILE_NAME)) {
                    out.put(rel, Files.readString(p).replaceAll("wall_seconds=.*", ""));
                } else if (rel.endsWith(".png")) {
                    out.put(rel, "png");
                } else {
                    out.put(rel, "");
                }
            }
        }
        return out;
    }
}
