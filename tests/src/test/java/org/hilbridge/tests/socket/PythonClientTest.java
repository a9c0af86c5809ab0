package org.hilbridge.tests.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-language proof: Debian's protoc 3.21 (protobuf-compiler) generates Python from proto/, and the
 * Python client (clients/python, on Debian's python3-protobuf) drives a real run of the off-road course in
 * lockstep through the socket, holding the exclusive lease and answering every ground-truth sample with a
 * command naming it. Every frame it received is compared, field by field, with the sample the simulator
 * published (recorded by a sink on the same runner); every one of its commands was accepted.
 */
@Timeout(300)
class PythonClientTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void aPythonClientSubscribesAndCommandsAndGetsTheSimulatorsSamples(@TempDir Path dir) throws Exception {
        Path pb = dir.resolve("pb");
        Files.createDirectories(pb);
        List<String> protos = new ArrayList<>(List.of("protoc", "-I", ROOT.resolve("proto/src/main/proto").toString(), "--python_out=" + pb));
        try (var files = Files.list(ROOT.resolve("proto/src/main/proto/hilbridge/v1"))) {
            files.map(f -> "hilbridge/v1/" + f.getFileName()).sorted().forEach(protos::add);
        }
        run(protos, "protoc (Debian package protobuf-compiler)");

        List<String> overrides = List.of("duration_s=3", "runner.pacing=lockstep", "runner.lockstep_stream=ground_truth",
                "watchdog.timeout_s=5", "controller.type=none", "arbiter.lease_mode=exclusive", "socket.enabled=true", "socket.port=0",
                "socket.client_queue_frames=4096");
        Path scenarioFile = ROOT.resolve("launch/scenarios/offroad_course.yaml");
        Scenario scenario = new ScenarioLoader(Map.of()).load(scenarioFile, overrides);
        BridgeConfig config = new BridgeConfigLoader().load(ROOT.resolve("launch/config/bridge.properties"), Map.of(), overrides);
        assertTrue(config.socketEnabled());
        Runner runner = new Runner(scenario, config, new PrintStream(OutputStream.nullOutputStream()));
        Map<String, SensorSample> published = new ConcurrentHashMap<>();
        runner.attach(new SampleSink() {
            @Override
            public String name() {
                return "record";
            }

            @Override
            public void accept(SensorSample s) {
                published.put(s.streamId() + "#" + s.sequence(), s.retain()); // compared after the run: a hold on a pooled camera frame (CameraFrame)
            }
        }, 100_000);
        SocketServer server = SocketServer.start(config.socket(), runner.streams(), runner.arbiter());
        runner.attach(server);

        Path record = dir.resolve("received.txt");
        Process py;
        try {
            py = new ProcessBuilder(PYTHON, ROOT.resolve("clients/python/hilbridge_client.py").toString(), "--pb-dir", pb.toString(),
                    "--port", Integer.toString(server.port()), "--name", "python", "--command", "--command-stream", "ground_truth",
                    "--subscribe", "ground_truth", "--subscribe", "imu", "--subscribe", "gnss", "--subscribe", "wheel_odom",
                    "--subscribe", "front_camera@5", "--subscribe", "lidar", "--subscribe", "clock@10", "--record", record.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            server.close();
            throw new AssertionError("this test needs " + PYTHON + " (Debian package python3-protobuf): " + e.getMessage(), e);
        }
        List<String> output = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        RunSummary summary;
        try {
            assertTrue(ready.await(60, TimeUnit.SECONDS) || !py.isAlive(), "the Python client did not get ready: " + output);
            assertEquals(1, ready.getCount() == 0 ? 1 : 0, "the Python client failed before the run: " + output);
            summary = runner.run();
            assertTrue(py.waitFor(60, TimeUnit.SECONDS), "the Python client did not stop when the run ended: " + output);
            reader.join(10_000);
        } finally {
            py.destroyForcibly();
            server.close();
        }
        assertEquals(0, py.exitValue(), "python: " + output);
        String out;
        synchronized (output) {
            out = String.join("\n", output);
        }
        assertTrue(out.contains("rates: "), "the client prints rates: " + out);

        // Commands: one per ground-truth sample, each accepted (lockstep waited for each), from the lease holder.
        String source = summary.arbiter().verdictsBySource().keySet().stream().filter(s -> s.startsWith("socket:python#")).findFirst()
                .orElseThrow(() -> new AssertionError("no commands from the Python client: " + summary.arbiter().verdictsBySource()));
        Map<Verdict, Long> verdicts = summary.arbiter().verdictsBySource().get(source);
        long groundTruthSamples = published.keySet().stream().filter(k -> k.startsWith("ground_truth#")).count();
        assertEquals(Map.of(Verdict.ACCEPTED, groundTruthSamples), verdicts, "python's verdicts: " + out);
        assertTrue(groundTruthSamples >= 140, "3 s at 50 Hz: " + groundTruthSamples);
        assertTrue(summary.events().stream().noneMatch(e -> e.kind().name().contains("WATCHDOG")), "no watchdog stop: " + summary.events());

        // Frames: every one the client got is the simulator's sample, field by field.
        Map<String, Integer> checked = new HashMap<>();
        for (String line : Files.readAllLines(record)) {
            Map<String, String> f = parse(line);
            String kind = f.get("kind");
            if (kind.equals("clock")) {
                checked.merge("clock", 1, Integer::sum);
                continue;
            }
            String key = f.get("header.stream_id") + "#" + f.get("header.sequence");
            SensorSample s = published.get(key);
            assertNotNull(s, "the client got " + key + ", which the simulator never published");
            assertEquals(Long.toString(s.captureNanos()), f.get("header.capture_sim_nanos"), key);
            assertEquals(s.frameId(), f.get("header.frame_id"), key);
            switch (kind) {
                case "imu" -> compare(f, (ImuSample) s, Map.of("accel_x_mps2", ImuSample::accelXMps2, "accel_y_mps2", ImuSample::accelYMps2,
                        "accel_z_mps2", ImuSample::accelZMps2, "gyro_x_rad_per_s", ImuSample::gyroXRadPerS, "gyro_y_rad_per_s",
                        ImuSample::gyroYRadPerS, "gyro_z_rad_per_s", ImuSample::gyroZRadPerS, "accel_variance_mps2_sq",
                        ImuSample::accelVarianceMps2Sq, "gyro_variance_rad_per_s_sq", ImuSample::gyroVarianceRadPerSSq));
                case "ground_truth" -> compare(f, (GroundTruthSample) s, groundTruthFields());
                case "gnss" -> {
                    GnssSample g = (GnssSample) s;
                    compare(f, g, Map.of("latitude_deg", GnssSample::latitudeDeg, "longitude_deg", GnssSample::longitudeDeg,
                            "altitude_m", GnssSample::altitudeM));
                    assertEquals(Integer.toString(g.status()), f.get("status"));
                    assertEquals(Integer.toString(g.covarianceType()), f.get("covariance_type"));
                    String[] cov = f.get("position_covariance_m2").split(",");
                    for (int i = 0; i < 9; i++) {
                        assertEquals(0, Double.compare(g.positionCovarianceM2()[i], number(cov[i])), key + " covariance " + i);
                    }
                }
                case "odometry" -> {
                    OdometrySample o = (OdometrySample) s;
                    compare(f, o, Map.of("x_m", OdometrySample::xM, "y_m", OdometrySample::yM, "yaw_rad", OdometrySample::yawRad,
                            "forward_speed_mps", OdometrySample::forwardSpeedMps, "yaw_rate_rad_per_s", OdometrySample::yawRateRadPerS));
                    assertEquals(o.childFrameId(), f.get("child_frame_id"));
                }
                case "image" -> {
                    CameraFrame c = (CameraFrame) s;
                    assertEquals(Integer.toString(c.width()), f.get("width_px"));
                    assertEquals(Integer.toString(c.height()), f.get("height_px"));
                    assertEquals("rgb8", f.get("encoding"));
                    assertEquals(Integer.toString(3 * c.width()), f.get("step_bytes"));
                    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.image().rgbData())),
                            f.get("pixels_sha256"), key + " pixels");
                }
                case "point_cloud" -> {
                    PointCloudSample p = (PointCloudSample) s;
                    assertEquals(Integer.toString(p.pointCount()), f.get("point_count"));
                    assertEquals(Integer.toString(p.channels()), f.get("channels"));
                    for (int i = 0; i < Math.min(3, p.pointCount()); i++) {
                        String at = "first_points." + i + ".";
                        assertEquals(p.x()[i], (float) number(f.get(at + "x")), key + " point " + i);
                        assertEquals(p.y()[i], (float) number(f.get(at + "y")), key + " point " + i);
                        assertEquals(p.z()[i], (float) number(f.get(at + "z")), key + " point " + i);
                        assertEquals(p.intensity()[i], (float) number(f.get(at + "intensity")), key + " point " + i);
                        assertEquals(Integer.toString(p.ring()[i] & 0xFFFF), f.get(at + "ring"), key + " point " + i);
                        assertEquals(Integer.toString(p.semanticClassId()[i] & 0xFF), f.get(at + "label"), key + " point " + i);
                        assertEquals(p.timeOffsetS()[i], (float) number(f.get(at + "time")), key + " point " + i);
                    }
                }
                default -> throw new AssertionError("unexpected frame kind " + kind);
            }
            checked.merge(kind, 1, Integer::sum);
        }
        // Every subscribed kind arrived (camera decimated to 5 Hz, LiDAR at 10 Hz over 3 s).
        for (String kind : List.of("imu", "ground_truth", "gnss", "odometry", "image", "point_cloud", "clock")) {
            assertTrue(checked.getOrDefault(kind, 0) > 0, "no " + kind + " frames: " + checked);
        }
        assertTrue(checked.get("ground_truth") == groundTruthSamples, "every ground-truth sample reached the client: " + checked);
    }

    private static Map<String, ToDoubleFunction<GroundTruthSample>> groundTruthFields() {
        Map<String, ToDoubleFunction<GroundTruthSample>> m = new LinkedHashMap<>();
        m.put("x_m", GroundTruthSample::xM);
        m.put("y_m", GroundTruthSample::yM);
        m.put("z_m", GroundTruthSample::zM);
        m.put("qw", GroundTruthSample::qw);
        m.put("qx", GroundTruthSample::qx);
        m.put("qy", GroundTruthSample::qy);
        m.put("qz", GroundTruthSample::qz);
        m.put("vx_mps", GroundTruthSample::vxMps);
        m.put("vy_mps", GroundTruthSample::vyMps);
        m.put("vz_mps", GroundTruthSample::vzMps);
        m.put("roll_rate_rad_per_s", GroundTruthSample::rollRateRadPerS);
        m.put("pitch_rate_rad_per_s", GroundTruthSample::pitchRateRadPerS);
        m.put("yaw_rate_body_rad_per_s", GroundTruthSample::yawRateBodyRadPerS);
        m.put("forward_speed_mps", GroundTruthSample::forwardSpeedMps);
        m.put("yaw_rate_rad_per_s", GroundTruthSample::yawRateRadPerS);
        m.put("steering_angle_rad", GroundTruthSample::steeringAngleRad);
        m.put("slip_ratio_front_left", GroundTruthSample::slipRatioFrontLeft);
        m.put("slip_ratio_front_right", GroundTruthSample::slipRatioFrontRight);
        m.put("slip_ratio_rear_left", GroundTruthSample::slipRatioRearLeft);
        m.put("slip_ratio_rear_right", GroundTruthSample::slipRatioRearRight);
        return m;
    }

    /** Exact equality: protobuf doubles and Python's repr both round-trip a double bit for bit. */
    private static <S> void compare(Map<String, String> f, S sample, Map<String, ToDoubleFunction<S>> fields) {
        for (var e : fields.entrySet()) {
            double expected = e.getValue().applyAsDouble(sample);
            double actual = number(f.get(e.getKey()));
            assertEquals(0, Double.compare(expected, actual), sample + " field " + e.getKey() + ": sent " + expected + ", python read " + actual);
        }
    }

    /** Python's float repr: digits, or nan / inf / -inf. */
    private static double number(String repr) {
        assertNotNull(repr, "a field missing from the client's record");
        return switch (repr) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(repr);
        };
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> m = new HashMap<>();
        for (String kv : line.split("\t")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static void run(List<String> command, String tool) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("this test needs " + tool + ": " + e.getMessage(), e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
            assertEquals(0, p.exitValue(), command + ": " + out);
        } finally {
            p.destroyForcibly();
        }
    }
}
