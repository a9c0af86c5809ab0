package org.hilbridge.tests.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.stage.RealtimeAugmentStage;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.SceneContexts;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.onnx.OnnxBackend;
import org.hilbridge.augment.onnx.OnnxModelSpec;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.augment.photometric.PhotometricSpace;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.control.RouteFollower;
import org.hilbridge.hil.runner.AugmentSummary;
import org.hilbridge.hil.runner.RealtimeStats;
import org.hilbridge.hil.runner.RunSummary;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.camera.CameraImage;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraRenderer;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;

/**
 * Camera augmentation (issue 9) at 1280x720 on one thread, on frames of the default off-road course rendered
 * from poses along its route (camera 1.6 m up, 90 degrees, moving at 10 m/s):
 * <ul>
 * <li>the photometric chain per frame, p50 and p99, for the weather chain (fog, rain with wet ground, low
 * light with Poisson-Gaussian noise, exposure, white balance, vignetting: the per-pixel passes and the
 * precipitation overlay), every per-pixel effect (the weather chain with relighting and snow) and the full chain (everything, with motion blur, defocus, lens dirt and JPEG
 * artefacts); reference: one System.arraycopy of the frame's rgb8 bytes (memcpy) in the same run; target
 * p99 &lt;= 10 ms; and, for the p99, the host's own tail in the same minutes: {@link FixedWork} in registers, in L1
 * and streamed from memory, each lasting the chain's CPU p50, run between the chain's frames (on the shared 2-core
 * benchmark VM, 27 Nov 2026, their p99 stood 3-26 %, 19-42 % and 22-82 % over their p50, the chains' 11-57 %: the
 * chains' tail is the host's, spells of another hardware thread on the core and its memory side,
 * augment/PERFORMANCE.md); and the p50 and p99 of the frames that ran on a quiet core, by a probe of the core just
 * before and just after each frame ({@link HostReferences}), beside every frame's p99;
 * <li>the grounding gate per frame (p50);
 * <li>the deadline-miss rate of real-time augmentation under the full sensor load: a realtime run of the
 * off-road course with augmentation on, through the runner's own path (late frames over frames published,
 * with the deadline; the run's step jitter against the same run without augmentation); the stage alone
 * (no simulation) as a reference;
 * <li>the ONNX path's overhead excluding the model's compute, p50 and p99, target &lt;= 2 ms: see
 * {@link OnnxOverheadBenchmark} (float NCHW and NHWC, converted in Java and folded into the model, A/B;
 * uint8 NHWC). The grounding gate is not in it (the backend's call does not run the gate; Augmenter does,
 * after it): the gate's time is its own figure above.
 * </ul>
 * The per-frame figures are one thread's (wall clock and that thread's CPU time); the real-time figure needs
 * a second core for the stage's worker, so ./hilbridge bench augment does not pin the process.
 */
final class AugmentBenchmark implements Benchmark {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int POSES = 6;
    /** Warm-up: at least this many frames, then until the JIT has been quiet for {@link #QUIET_FRAMES} frames (see {@link #time}). */
    private static final int WARMUP = 200;
    private static final int QUIET_FRAMES = 20;
    /** Bounds of the warm-up whatever the JIT does. */
    private static final int MAX_WARMUP = 400;
    private static final long MAX_WARMUP_NANOS = 15_000_000_000L;
    private static final int FRAMES = 200;
    /**
     * The chains' measured frames: their p99 is the 6th-worst frame (of 200 it was the 2nd-worst, so one host hiccup
     * moved it).
     */
    private static final int CHAIN_FRAMES = 600;
    /**
     * Frames timed after the warm-up to find a chain's CPU p50, which its host references ({@link HostReferences}) last: a
     * quarter to half a second (over 21 frames a host burst once put the weather chain's at 5.15 ms, its p50 3.98).
     */
    private static final int CALIBRATION_FRAMES = 61;

    /** The weather chain: fog, rain on wet ground, low light with sensor noise, exposure, white balance, vignetting. */
    static final ParameterSet WEATHER = SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, SENSOR_LIGHT_LEVEL, 0.3,
            NOISE_FULL_WELL_E, 10000.0, NOISE_READ_NOISE_E, 3.0, SENSOR_EXPOSURE_EV, 0.3, SENSOR_WB_RED_GAIN, 1.1, LENS_VIGNETTING, 0.5));
    /** Every per-pixel effect: the weather chain with relighting (overcast) and snow as well, no lens or codec effect. */
    static final ParameterSet PER_PIXEL = WEATHER.with(Map.of(LIGHT_SUN_SCALE, 0.6, SNOW_RATE, 0.2));
    /** Every effect: the per-pixel ones, motion blur, defocus, lens dirt and JPEG artefacts. */
    static final ParameterSet FULL = PER_PIXEL.with(Map.of(BLUR_EXPOSURE_MS, 8.0, LENS_DEFOCUS_PX, 2.0, LENS_DIRT, 0.4, CODEC_JPEG_QUALITY, 60.0));

    @Override
    public String name() {
        return "augment";
    }

    @Override
    public String description() {
        return "camera augmentation at 1280x720, one thread: photometric chain p50/p99 against a memcpy of the frame, gate, ONNX overhead";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        List<AugmentInput> frames = render();
        double memcpyMs = memcpyMs(frames.get(0).rgb8());
        double roundTripMs = srgbRoundTripMs(frames.get(0).rgb8());
        report.note(String.format("%d frames of %dx%d rendered; %d processors; JDK %s; per-frame times are wall clock, and the thread's CPU time",
                frames.size(), W, H, Runtime.getRuntime().availableProcessors(), Runtime.version()));
        report.note(String.format("references: memcpy of the rgb8 frame %.3f ms; sRGB round trip (decode, one gain, encode: the cheapest per-pixel pass) %.2f ms",
                memcpyMs, roundTripMs));
        for (Map.Entry<String, Timing> e : timeChains(frames).entrySet()) {
            Timing t = e.getValue();
            String metric = "photometric_" + e.getKey() + "_1280x720";
            report.note(String.format("%s chain: wall p50 %.2f ms, p99 %.2f ms, worst %.2f ms; CPU p50 %.2f ms, p99 %.2f ms; %d bytes allocated a frame (after %d warm-up frames; load average %s)",
                    e.getKey(), p(t.wall, 0.5), p(t.wall, 0.99), t.wall[t.wall.length - 1], p(t.cpu, 0.5), p(t.cpu, 0.99), t.allocatedBytesPerFrame,
                    t.warmupFrames, loadAverage()));
            report.figure(name(), metric + "_p50", p(t.wall, 0.5), "ms", "memcpy_rgb8_1280x720", memcpyMs);
            report.figure(name(), metric + "_p99", p(t.wall, 0.99), "ms", "memcpy_rgb8_1280x720", memcpyMs);
            report.figure(name(), metric + "_cpu_p50", p(t.cpu, 0.5), "ms", "srgb_roundtrip_1280x720", roundTripMs);
            report.figure(name(), metric + "_p99_vs_target", p(t.wall, 0.99), "ms", "issue9_target", 10);
            StringBuilder hosts = new StringBuilder();
            for (HostReferences.Tail host : t.host) {
                String kind = host.kind().name().toLowerCase(java.util.Locale.ROOT);
                hosts.append(String.format("; fixed %s work: wall p50 %.2f ms, p99 %.2f ms (+%.0f %%)", kind, p(host.wall(), 0.5), p(host.wall(), 0.99),
                        100 * (p(host.wall(), 0.99) / p(host.wall(), 0.5) - 1)));
                report.figure(name(), metric + "_p99_vs_host_" + kind, p(t.wall, 0.99), "ms", "fixed_" + kind + "_work_same_p50_p99", p(host.wall(), 0.99));
            }
            report.note(String.format("%s chain's host references, as many runs as its frames, between them, each lasting its CPU p50 (%.2f ms)%s; the chain's p99 +%.0f %% over its p50",
                    e.getKey(), t.host.get(0).lastingMs(), hosts, 100 * (p(t.wall, 0.99) / p(t.wall, 0.5) - 1)));
            quietCore(report, e.getKey(), metric, t);
        }
        GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);
        byte[] augmented = new PhotometricBackend().augment(frames.get(0), WEATHER, 1);
        Timing g = time(frames, (in, k) -> gate.score(W, H, in.rgb8(), augmented, in.semantic()));
        report.figure(name(), "gate_1280x720_p50", p(g.wall, 0.5), "ms", "memcpy_rgb8_1280x720", memcpyMs);
        // As the real-time stage's worker runs them: the chain, then the gate on its output, on one thread. The two share
        // the Vector API's methods (augment.VectorShapes says why they use one vector shape), so each is measured beside
        // the other too, not only alone.
        for (Object[] chain : new Object[][] {{"weather", WEATHER}, {"full", FULL}}) {
            PhotometricBackend backend = new PhotometricBackend();
            byte[] out = new byte[3 * W * H];
            Timing t = time(frames, (in, k) -> {
                backend.augment(in, (ParameterSet) chain[1], k, out);
                gate.score(W, H, in.rgb8(), out, in.semantic());
            });
            report.note(String.format("%s chain then the gate, one thread: wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms; %d bytes allocated a frame (the gate's scores record is one object; load average %s)",
                    chain[0], p(t.wall, 0.5), p(t.wall, 0.99), p(t.cpu, 0.5), t.allocatedBytesPerFrame, loadAverage()));
            report.figure(name(), "photometric_" + chain[0] + "_and_gate_1280x720_p50", p(t.wall, 0.5), "ms", "one_30hz_frame_period", 1000.0 / 30);
        }

        realtime(report);

        // The ONNX path's overhead: float models converted in Java and folded into the model (A/B), uint8 NHWC.
        OnnxOverheadBenchmark.measure(report, name(), frames, memcpyMs);
    }

    /**
     * Real-time discipline under the full sensor load: the default off-road course (its full sensor set: camera
     * 640x480 at 30 Hz, VLP-16, IMU, GNSS, wheel odometry, ground truth; 1 kHz physics; route follower) run by
     * the runner with runner.pacing=realtime and augmentation on (the weather chain and the grounding gate),
     * the runner's own path: each rendered frame goes to RealtimeAugmentStage (its worker thread, deadline
     * augment.deadline_ms, by default one frame period), late frames go out raw, flagged LATE and counted. The
     * figure is the late count over the frames published (the ratio is the miss rate), with the deadline; the
     * reference for the run's step jitter is the same run without augmentation, measured here too. Before
     * that, as a reference, the stage alone (no simulation) fed 640x480 frames at 30 Hz by the wall clock.
     */
    private void realtime(BenchReport report) throws Exception {
        List<AugmentInput> frames = render(640, 480);
        ParameterSet weather = SPACE.of(Map.of(FOG_VISIBILITY_M, 400.0, RAIN_RATE_MM_H, 10.0, RAIN_WETNESS, 0.7, SENSOR_LIGHT_LEVEL, 0.3,
                NOISE_FULL_WELL_E, 10000.0, NOISE_READ_NOISE_E, 3.0, LENS_VIGNETTING, 0.5));
        long period = 1_000_000_000L / 30;
        feed(frames, weather, period, 60);   // warm-up: the JIT compiles the stage's code
        RealtimeAugmentStage measured = feed(frames, weather, period, 300);
        report.note(String.format("real-time stage alone (no simulation), 640x480 at 30 Hz for 300 frames after 60 of warm-up: %s", measured.stats()));
        report.figure(name(), "realtime_late_frames_stage_alone_640x480_30hz", measured.stats().late(), "frames", "frames",
                measured.stats().total());

        List<String> augmentOn = List.of("augment.enabled=true", "augment.weather=false", "augment.params.fog.visibility_m=400",
                "augment.params.rain.rate_mm_h=10", "augment.params.rain.wetness=0.7", "augment.params.sensor.light_level=0.3",
                "augment.params.noise.full_well_e=10000", "augment.params.noise.read_noise_e=3", "augment.params.lens.vignetting=0.5");
        realtimeRun(List.of(), 5);   // warm-up: the runner's, the sensors' and the renderer's code
        RunSummary without = realtimeRun(List.of(), REALTIME_SECONDS);
        RunSummary with = realtimeRun(augmentOn, REALTIME_SECONDS);
        AugmentSummary g = with.augment().get(0);
        RealtimeStats rt = with.realtime(), ref = without.realtime();
        report.note(String.format("off-road course, runner.pacing=realtime, full sensor set, %.0f s, %d processors, load average %s: augmentation of %s "
                        + "(deadline %.1f ms, one frame period): %d frames, %d augmented, %d rejected by the gate, %d late, %d failed; step jitter p99 "
                        + "%.1f us, max %.1f us, overruns %d (without augmentation: p99 %.1f us, max %.1f us, overruns %d)", REALTIME_SECONDS,
                Runtime.getRuntime().availableProcessors(), loadAverage(), g.streamId(), g.deadlineNanos() / 1e6, g.frames(), g.augmented(), g.rejected(),
                g.late(), g.failed(), rt.jitterP99Nanos() / 1e3, rt.jitterMaxNanos() / 1e3, rt.overruns(), ref.jitterP99Nanos() / 1e3,
                ref.jitterMaxNanos() / 1e3, ref.overruns()));
        report.figure(name(), "realtime_late_frames_offroad_full_sensor_load", g.late(), "frames", "frames_published", g.frames());
        report.figure(name(), "realtime_augment_deadline", g.deadlineNanos() / 1e6, "ms", "camera_frame_period", 1000.0 / 30);
        report.figure(name(), "realtime_step_jitter_p99_with_augment", rt.jitterP99Nanos() / 1e3, "us", "without_augment", ref.jitterP99Nanos() / 1e3);
    }

    private static final double REALTIME_SECONDS = 20;

    /**
     * The chain's frames that ran on a core of their own ({@link HostReferences}), their p50 and p99: what the issue's
     * "p99 per frame on one core" asks, where the host lends this VM's core to another hardware thread in spells. All
     * frames' p99 stays the first figure.
     */
    private void quietCore(BenchReport report, String chain, String metric, Timing t) {
        HostReferences.reportQuietCore(report, name(), metric, chain + " chain's wall time", HostReferences.onQuietCore(t.wallInOrder(), t.quietCore()), t.wall.length, 10);
    }

    /** The default off-road course in realtime pacing for {@code seconds} with the route follower, and the given scenario overrides. */
    private static RunSummary realtimeRun(List<String> overrides, double seconds) throws Exception {
        List<String> all = new ArrayList<>(overrides);
        all.add("duration_s=" + seconds);
        Scenario s = DefaultScenario.load(all);
        BridgeConfig c = new BridgeConfigLoader().load(null, Map.of(), List.of("runner.progress_every_s=0", "runner.pacing=realtime"));
        Runner runner = new Runner(s, c, new PrintStream(OutputStream.nullOutputStream()));
        runner.attachSynchronous(RouteFollower.along(s, c.controllerSpeedMps(), c.controllerLookaheadM()));
        return runner.run();
    }

    static String loadAverage() {
        return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static RealtimeAugmentStage feed(List<AugmentInput> frames, ParameterSet params, long period, int count) throws Exception {
        try (RealtimeAugmentStage stage = new RealtimeAugmentStage(new Augmenter(new PhotometricBackend(), new GroundingGate(GateThresholds.PHYSICAL), 1),
                period, 2, System::nanoTime)) {
            long next = System.nanoTime();
            int[] out = new int[1];
            for (int k = 0; k < count; k++) {
                AugmentInput f = frames.get(k % frames.size());
                stage.submit(new AugmentInput(f.streamId(), k, k * period, f.frameId(), f.width(), f.height(), f.rgb8(), f.rangeM(), f.depthM(),
                        f.semantic(), f.normals(), f.fxPx(), f.fyPx(), f.cxPx(), f.cyPx(), f.scene()), params);
                next += period;
                while (System.nanoTime() < next) {
                    stage.poll(x -> {
                        out[0]++;
                        x.release(); // the hold it came out with (AugmentStage): its pixel buffer goes back to the pool, as the runner does
                    });
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1_000_000, Math.max(0, next - System.nanoTime())));
                }
            }
            stage.drain(x -> {
                out[0]++;
                x.release();
            });
            return stage;
        }
    }

    private interface FrameWork {
        /** k: the measured frame's index, or -1 during warm-up. */
        void run(AugmentInput in, long k) throws Exception;
    }

    /**
     * The benchmark's chains timed, in this order, each on a backend of its own (what C2 makes of a chain's Vector API
     * kernels depends on what it compiled before, so the order is part of the benchmark).
     */
    static Map<String, Timing> timeChains(List<AugmentInput> frames) throws Exception {
        Map<String, Timing> timings = new java.util.LinkedHashMap<>();
        for (Object[] chain : new Object[][] {{"weather", WEATHER}, {"per_pixel", PER_PIXEL}, {"full", FULL}}) {
            PhotometricBackend backend = new PhotometricBackend();
            byte[] out = new byte[3 * W * H];
            timings.put((String) chain[0], time(frames, (in, k) -> backend.augment(in, (ParameterSet) chain[1], k, out), CHAIN_FRAMES, true));
        }
        return timings;
    }

    /**
     * Per-frame milliseconds, wall and thread CPU sorted ascending, and wall in frame order; the warm-up's frame count;
     * the host's references where measured (else none), and per frame in order whether it ran on a quiet core by the
     * references' probes ({@link HostReferences#quiet}; empty without references).
     */
    record Timing(double[] wall, double[] cpu, double[] wallInOrder, int warmupFrames, long allocatedBytesPerFrame, List<HostReferences.Tail> host,
                  boolean[] quietCore) {
    }

    /**
     * Warm-up, then FRAMES measured frames. The warm-up is at least WARMUP frames, then runs until the JIT is quiet (no
     * compilation time added in the last QUIET_FRAMES frames, the JVM's CompilationMXBean), at most MAX_WARMUP frames
     * or MAX_WARMUP_NANOS. Why 200: a method called once a frame (the backend's augment, its per-frame constants, the
     * precipitation's drawing) reaches C2 only after 100 to 200 frames, when its loops' back-edge counts reach the
     * tiered thresholds (seen with -XX:+PrintCompilation); a 30-frame warm-up measured those frames in the interpreter
     * and C1, with the compiler threads running beside them, a start-up transient and not per-frame work. The JIT is
     * quiet between those compilations, so quiet frames alone do not end a warm-up.
     */
    private static Timing time(List<AugmentInput> frames, FrameWork work) throws Exception {
        return time(frames, work, FRAMES, false);
    }

    /**
     * As {@link #time(List, FrameWork)}, count measured frames; with hostReference, {@link HostReferences} lasting the
     * work's CPU p50 (over {@link #CALIBRATION_FRAMES} frames after the warm-up) between them: the host's tail in the
     * same minutes, for workloads of the same length.
     */
    private static Timing time(List<AugmentInput> frames, FrameWork work, int count, boolean hostReference) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime(), lastJitMs = monitored ? jit.getTotalCompilationTime() : 0;
        int warm = 0, quiet = 0;
        while (warm < WARMUP || (monitored && quiet < QUIET_FRAMES && warm < MAX_WARMUP && System.nanoTime() - start < MAX_WARMUP_NANOS)) {
            work.run(frames.get(warm % frames.size()), -1);
            warm++;
            long jitMs = monitored ? jit.getTotalCompilationTime() : 0;
            quiet = jitMs == lastJitMs ? quiet + 1 : 0;
            lastJitMs = jitMs;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        HostReferences hosts = HostReferences.none();
        if (hostReference) {
            double[] calibration = new double[CALIBRATION_FRAMES];
            for (int k = 0; k < CALIBRATION_FRAMES; k++, warm++) {
                long c0 = mx.getCurrentThreadCpuTime();
                work.run(frames.get(warm % frames.size()), -1);
                calibration[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            Arrays.sort(calibration);
            hosts = HostReferences.lasting(calibration[CALIBRATION_FRAMES / 2], count);
        }
        long allocated = 0;   // by the frames alone, not the host references (their first runs allocate a few kB)
        double[] wall = new double[count];
        double[] cpu = new double[count];
        for (int k = 0; k < count; k++) {
            AugmentInput in = frames.get(k % frames.size());
            hosts.beforeFrame(k);
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            work.run(in, k);
            wall[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            allocated += mx.getCurrentThreadAllocatedBytes() - a0;
            hosts.afterFrame(k, count);
        }
        // Where C2 leaves a Vector API call out of line, its vectors are boxed: megabytes a frame, 1-3 ms more; the
        // timed frames' allocation says whether a run's figures are such a JVM's (the chains allocate nothing once
        // compiled).
        long allocatedPerFrame = allocated / count;
        double[] inOrder = wall.clone();
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Timing(wall, cpu, inOrder, warm, allocatedPerFrame, hosts.tails(), hosts.quietCore());
    }

    /** The q-quantile of sorted values (nearest rank), shared by the benchmarks of the augment stage. */
    static double p(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static double memcpyMs(byte[] rgb) {
        byte[] copy = new byte[rgb.length];
        double[] ms = new double[50];
        for (int k = 0; k < ms.length; k++) {
            long t0 = System.nanoTime();
            System.arraycopy(rgb, 0, copy, 0, rgb.length);
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** Median time of the cheapest per-pixel pass: each channel decoded by table, scaled, encoded by table. */
    private static double srgbRoundTripMs(byte[] rgb) {
        float[] decode = new float[256];
        byte[] encode = new byte[65537];
        for (int c = 0; c < 256; c++) {
            decode[c] = (float) Math.pow(c / 255.0, 2.2);
        }
        for (int i = 0; i <= 65536; i++) {
            encode[i] = (byte) Math.round(255 * Math.pow(i / 65536.0, 1 / 2.2));
        }
        byte[] out = new byte[rgb.length];
        double[] ms = new double[50];
        for (int k = 0; k < ms.length; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rgb.length; i++) {
                float x = decode[rgb[i] & 0xFF] * 0.9f;
                out[i] = encode[(int) (x * 65536 + 0.5f)];
            }
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static List<AugmentInput> render() throws Exception {
        return render(W, H);
    }

    private static List<AugmentInput> render(int width, int height) throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        Scene scene = ScenarioScene.build(scenario);
        double[] xy = scenario.routeXyM();
        CameraParams params = CameraParams.fromFieldOfView(width, height, 90);
        CameraRenderer renderer = new CameraRenderer(params, scene, Runnable::run, 1);
        List<AugmentInput> frames = new ArrayList<>();
        for (int k = 0; k < POSES; k++) {
            int i = 2 * Math.min(xy.length / 2 - 2, k * (xy.length / 2 - 1) / POSES);
            double x = xy[i], y = xy[i + 1];
            double yaw = Math.atan2(xy[i + 3] - y, xy[i + 2] - x);
            double z = scenario.world().terrain().heightM(x, y) + 1.6;
            Rotation pose = new Rotation().setYawPitchRoll(yaw, Math.toRadians(3), 0);
            CameraImage im = renderer.render(new Vec3(x, y, z), pose);
            SceneContext ctx = SceneContexts.of(params.lighting(), pose, new Vec3(10 * Math.cos(yaw), 10 * Math.sin(yaw), 0));
            frames.add(new AugmentInput("front", k, k, "front_optical", width, height, im.rgbData(), im.rangeData(), im.depthData(), im.semanticClassData(),
                    im.normalData(), params.fxPx(), params.fyPx(), params.cxPx(), params.cyPx(), ctx));
        }
        return frames;
    }
}
