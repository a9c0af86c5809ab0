package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ObjIntConsumer;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImage;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraRenderer;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * The pure-Java camera (issue 4) on the default off-road course (launch/scenarios/offroad_course.yaml: 1 km
 * square at 1 m cells, its seeded scenery of trees, bushes and rocks): a 90-degree camera 1.6 m above the
 * ground on the vehicle, looking forward, rendering every channel (rgb8, range, depth, class, normals) from
 * poses spaced along the scenario's route, the vehicle placed on the ground there. Reports the median
 * wall-clock time per frame for 640x480, 1280x720 and 1920x1080 on the calling thread, and 640x480 on two
 * pool threads; the reference measured in the same run is one System.arraycopy of all the frame's bytes
 * (memcpy). Target (issue 4): at most 10 ms per 640x480 frame on one core. Last, the terrain's level of detail
 * (the default) against full detail on the same 640x480 frames, alternating, in calling-thread CPU time, and
 * rendering into a reused image against a new image per frame, the same way.
 */
final class CameraBenchmark implements Benchmark {
    private static final int POSES = 48;
    private static final double CAMERA_HEIGHT_M = 1.6;
    private static final double HORIZONTAL_FOV_DEG = 90;
    private static final int COPIES = 30;

    @Override
    public String name() {
        return "camera";
    }

    @Override
    public String description() {
        return "camera renderer, all channels, on the off-road course: ms per frame against a memcpy of the frame";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        double[] routeXy = scenario.routeXyM();
        Scene scene = ScenarioScene.build(scenario);
        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        SensorMount mount = new SensorMount(1.0, 0, CAMERA_HEIGHT_M - scenario.vehicle().chassis().cgHeightM(), 0, 0, 0);
        double[][] poses = posesAlong(routeXy, POSES);
        report.note(String.format("%d primitives in the scene; %d poses along the %.0f m route; %d processors; JDK %s",
                scene.primitives().size(), POSES, length(routeXy), Runtime.getRuntime().availableProcessors(), Runtime.version()));

        Executor callingThread = Runnable::run;
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "camera-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            measure(report, scene, vehicle, mount, poses, 640, 480, callingThread, 1, "1thread");
            measure(report, scene, vehicle, mount, poses, 1280, 720, callingThread, 1, "1thread");
            measure(report, scene, vehicle, mount, poses, 1920, 1080, callingThread, 1, "1thread");
            measure(report, scene, vehicle, mount, poses, 640, 480, pool, 8, "2threads");
            levelOfDetail(report, scene, vehicle, mount, poses);
            reusedImage(report, scene, vehicle, mount, poses);
        } finally {
            pool.shutdownNow();
        }
    }

    private void measure(BenchReport report, Scene scene, Vehicle vehicle, SensorMount mount, double[][] poses,
                         int width, int height, Executor executor, int tiles, String threads) {
        CameraParams params = CameraParams.fromFieldOfView(width, height, HORIZONTAL_FOV_DEG);
        long setup0 = System.nanoTime();
        CameraSensor camera = new CameraSensor("front", "front_optical", 10, mount, params, scene, executor, tiles);
        double setupMs = (System.nanoTime() - setup0) / 1e6;
        // Warm-up: every pose twice (JIT compilation, and the JVM's heap settling to the frame size).
        CameraFrame last = null;
        for (int pass = 0; pass < 2; pass++) {
            for (double[] p : poses) {
                vehicle.place(p[0], p[1], p[2], 0);
                last = camera.sample(vehicle, 0);
            }
        }
        double[] frameMs = new double[2 * poses.length];
        long thread = Thread.currentThread().getId();
        com.sun.management.ThreadMXBean threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = threadBean.getThreadCpuTime(thread);
        for (int k = 0; k < frameMs.length; k++) {
            double[] p = poses[k % poses.length];
            vehicle.place(p[0], p[1], p[2], 0);
            long t0 = System.nanoTime();
            last = camera.sample(vehicle, k);
            frameMs[k] = (System.nanoTime() - t0) / 1e6;
        }
        double callerCpuMs = (threadBean.getThreadCpuTime(thread) - cpu0) / 1e6 / frameMs.length;
        double mean = Arrays.stream(frameMs).average().orElseThrow();
        Arrays.sort(frameMs);
        double median = frameMs[frameMs.length / 2];
        double copyMs = memcpyMs(last.image());
        String size = width + "x" + height;
        report.note(String.format("%s on %s: setup %.0f ms; per frame: median %.2f ms, mean %.2f ms, best %.2f ms, worst %.2f ms, calling thread's CPU %.2f ms; %.1f MB of channels",
                size, threads, setupMs, median, mean, frameMs[0], frameMs[frameMs.length - 1], callerCpuMs, last.image().byteSize() / 1e6));
        report.figure(name(), "frame_ms_" + size + "_" + threads, median, "ms", "memcpy_" + size, copyMs);
        if (width == 640 && threads.equals("1thread")) {
            report.figure(name(), "frame_ms_" + size + "_" + threads + "_vs_target", median, "ms", "issue4_target", 10);
        }
    }

    /**
     * The terrain's level of detail (the default) against full detail (lod tolerance 0) on the same 640x480
     * frames, alternating frame by frame on the calling thread: mean CPU time per frame of each.
     */
    private void levelOfDetail(BenchReport report, Scene scene, Vehicle vehicle, SensorMount mount, double[][] poses) {
        CameraParams params = CameraParams.fromFieldOfView(640, 480, HORIZONTAL_FOV_DEG);
        Executor callingThread = Runnable::run;
        CameraSensor lod = new CameraSensor("front", "front_optical", 10, mount, params, scene, callingThread, 1);
        CameraSensor full = new CameraSensor("front", "front_optical", 10, mount, params, scene, callingThread, 1, 0);
        List<CameraSensor.Capture> captures = new ArrayList<>();
        for (double[] p : poses) {
            vehicle.place(p[0], p[1], p[2], 0);
            captures.add(lod.capture(vehicle, 0));
        }
        double[] cpuMs = alternatingCpuMs(captures, (c, which) -> (which == 0 ? lod : full).render(c));
        double lodMs = cpuMs[0];
        double fullMs = cpuMs[1];
        report.note(String.format("640x480 on 1thread, alternating frame by frame: level of detail %.2f ms CPU, full detail %.2f ms CPU per frame", lodMs, fullMs));
        report.figure(name(), "frame_cpu_ms_640x480_1thread_lod", lodMs, "ms", "full_detail_640x480", fullMs);
    }

    /**
     * Rendering into one reused image (CameraRenderer.render(position, orientation, into)) against a new image
     * per frame, on the same 640x480 frames, alternating frame by frame on the calling thread: mean CPU time
     * per frame of each (the difference is the new image's allocation and zeroing).
     */
    private void reusedImage(BenchReport report, Scene scene, Vehicle vehicle, SensorMount mount, double[][] poses) {
        CameraParams params = CameraParams.fromFieldOfView(640, 480, HORIZONTAL_FOV_DEG);
        CameraSensor camera = new CameraSensor("front", "front_optical", 10, mount, params, scene, Runnable::run, 1);
        CameraRenderer renderer = camera.renderer();
        CameraImage into = renderer.newImage();
        List<CameraSensor.Capture> captures = new ArrayList<>();
        for (double[] p : poses) {
            vehicle.place(p[0], p[1], p[2], 0);
            captures.add(camera.capture(vehicle, 0));
        }
        double[] cpuMs = alternatingCpuMs(captures, (c, which) -> {
            if (which == 0) {
                renderer.render(c.positionM(), c.orientation(), into);
            } else {
                renderer.render(c.positionM(), c.orientation());
            }
        });
        double reusedMs = cpuMs[0];
        double newMs = cpuMs[1];
        report.note(String.format("640x480 on 1thread, alternating frame by frame: into a reused image %.2f ms CPU, into a new image %.2f ms CPU per frame", reusedMs, newMs));
        report.figure(name(), "frame_cpu_ms_640x480_1thread_reused_image", reusedMs, "ms", "new_image_640x480", newMs);
    }

    /**
     * Two ways (0 and 1) of rendering the same captures, alternating frame by frame on the calling thread (which goes
     * first alternates too, so that neither always runs on a cache the other warmed): 6 passes over the captures, the
     * first 2 as warm-up; the mean CPU time per frame of each way, in ms.
     */
    private static double[] alternatingCpuMs(List<CameraSensor.Capture> captures, ObjIntConsumer<CameraSensor.Capture> renderWay) {
        java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = new long[2];
        for (int pass = 0; pass < 6; pass++) {
            for (int k = 0; k < captures.size(); k++) {
                for (int s = 0; s < 2; s++) {
                    int which = (s + k + pass) & 1;
                    long c0 = threadBean.getCurrentThreadCpuTime();
                    renderWay.accept(captures.get(k), which);
                    if (pass >= 2) {
                        cpuNanos[which] += threadBean.getCurrentThreadCpuTime() - c0;
                    }
                }
            }
        }
        double frames = 4.0 * captures.size();
        return new double[] {cpuNanos[0] / 1e6 / frames, cpuNanos[1] / 1e6 / frames};
    }

    /** Median time to copy every channel of a frame once with System.arraycopy into buffers allocated beforehand. */
    private static double memcpyMs(CameraImage image) {
        byte[] rgb = new byte[image.rgbData().length];
        float[] range = new float[image.rangeData().length];
        float[] depth = new float[image.depthData().length];
        byte[] classes = new byte[image.semanticClassData().length];
        float[] normals = new float[image.normalData().length];
        double[] ms = new double[COPIES];
        for (int k = 0; k < COPIES; k++) {
            long t0 = System.nanoTime();
            System.arraycopy(image.rgbData(), 0, rgb, 0, rgb.length);
            System.arraycopy(image.rangeData(), 0, range, 0, range.length);
            System.arraycopy(image.depthData(), 0, depth, 0, depth.length);
            System.arraycopy(image.semanticClassData(), 0, classes, 0, classes.length);
            System.arraycopy(image.normalData(), 0, normals, 0, normals.length);
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[COPIES / 2];
    }

    /** {@code count} poses (x, y, heading) evenly spaced along the polyline, heading along its leg. */
    private static double[][] posesAlong(double[] xy, int count) {
        double total = length(xy);
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double s = total * (k + 0.5) / count;
            for (int i = 0; i + 3 < xy.length; i += 2) {
                double dx = xy[i + 2] - xy[i];
                double dy = xy[i + 3] - xy[i + 1];
                double leg = Math.hypot(dx, dy);
                if (s <= leg || i + 4 >= xy.length) {
                    double f = Math.min(1, s / leg);
                    out.add(new double[] {xy[i] + f * dx, xy[i + 1] + f * dy, Math.atan2(dy, dx)});
                    break;
                }
                s -= leg;
            }
        }
        return out.toArray(new double[0][]);
    }

    private static double length(double[] xy) {
        double total = 0;
        for (int i = 0; i + 3 < xy.length; i += 2) {
            total += Math.hypot(xy[i + 2] - xy[i], xy[i + 3] - xy[i + 1]);
        }
        return total;
    }
}
