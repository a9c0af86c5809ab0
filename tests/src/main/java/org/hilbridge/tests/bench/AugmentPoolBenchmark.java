package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.hilbridge.augment.AugmentInput;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.SceneContext;
import org.hilbridge.augment.SceneContexts;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * Heap bytes a synchronous augmented camera allocates per frame (issue 7: GC pauses of the realtime loop), the
 * way fast and lockstep runs make a frame: render, augment (fog through the photometric chain and the grounding
 * gate), publish, give the holds back. Pooled: the frame renders into the camera's {@link CameraImagePool} and the
 * augmenter writes into its pooled pixel buffers. The reference is the same work with every hold kept (as before
 * the pools: a new image and a new pixel buffer per frame, garbage once published). Alternating rounds of each on
 * one thread, measured with ThreadMXBean's allocated bytes and CPU time of this thread.
 */
final class AugmentPoolBenchmark implements Benchmark {
    private static final int WIDTH = Integer.getInteger("hilbridge.bench.augpool.width", 1280);
    private static final int HEIGHT = Integer.getInteger("hilbridge.bench.augpool.height", 720);
    private static final int ROUNDS = Integer.getInteger("hilbridge.bench.augpool.rounds", 3);
    private static final int FRAMES = 10;
    private static final double RATE_HZ = 30;

    @Override
    public String name() {
        return "augpool";
    }

    @Override
    public String description() {
        return "heap bytes per frame of a synchronous augmented camera (1280x720, fog): pooled images and pixel buffers against a new image and buffer per frame";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        StartOfRoute rig = StartOfRoute.withCamera(WIDTH, HEIGHT, RATE_HZ);
        Vehicle vehicle = rig.vehicle();
        CameraSensor camera = rig.camera();
        SceneContext context = SceneContexts.of(camera.renderer().params().lighting(), new org.hilbridge.sim.math.Rotation(), new Vec3(5, 0, 0));
        PhotometricBackend backend = new PhotometricBackend();
        ParameterSet fog = backend.space().of(Map.of("fog.visibility_m", 150.0));
        CameraImagePool images = new CameraImagePool(camera.renderer(), 4);
        Augmenter pooled = new Augmenter(backend, new GroundingGate(GateThresholds.PHYSICAL), 1);
        Augmenter fresh = new Augmenter(new PhotometricBackend(), new GroundingGate(GateThresholds.PHYSICAL), 1);
        report.note(String.format("%d x %d, %d rounds of %d frames each way, alternating, after one round of warm-up; one thread",
                WIDTH, HEIGHT, ROUNDS, FRAMES));

        long[] sink = {0};
        long[] augmented = {0};
        Frame withPools = k -> {
            CameraFrame f = camera.sample(vehicle, k, images.acquire());
            AugmentedFrame a = pooled.apply(AugmentInput.of(f, context), fog);
            sink[0] += a.rgb8()[k % a.rgb8().length];
            augmented[0] += a.outcome() == Outcome.AUGMENTED ? 1 : 0;
            a.release();
            f.release();
        };
        Frame holdsKept = k -> {
            CameraFrame f = camera.sample(vehicle, k);
            AugmentedFrame a = fresh.apply(AugmentInput.of(f, context), fog);
            sink[0] += a.rgb8()[k % a.rgb8().length];
            augmented[0] += a.outcome() == Outcome.AUGMENTED ? 1 : 0;
        };
        measure(withPools, 0);
        measure(holdsKept, 0);
        double[] a = new double[3];
        double[] b = new double[3];
        for (int r = 0; r < ROUNDS; r++) {
            add(a, measure(withPools, r + 1));
            add(b, measure(holdsKept, r + 1));
        }
        int n = ROUNDS * FRAMES;
        report.figure(name(), "heap_bytes_per_frame", a[0] / n, "bytes", "new_image_and_buffer_per_frame", b[0] / n);
        report.figure(name(), "heap_mb_per_s_at_30hz", a[0] / n * RATE_HZ / 1e6, "MB/s", "new_image_and_buffer_per_frame", b[0] / n * RATE_HZ / 1e6);
        report.figure(name(), "thread_cpu_ms_per_frame", a[1] / n / 1e6, "ms", "new_image_and_buffer_per_frame", b[1] / n / 1e6);
        report.figure(name(), "wall_ms_per_frame", a[2] / n / 1e6, "ms", "new_image_and_buffer_per_frame", b[2] / n / 1e6);
        report.note(String.format("%d of %d frames AUGMENTED; camera images made beyond the pool: %d; augmented pixel buffers beyond the pool: %d"
                + " (reference: %d); checksum %d", augmented[0], 2 * (ROUNDS + 1) * FRAMES, images.createdWhenEmpty(), pooled.pixelsMadeBeyondPool(),
                fresh.pixelsMadeBeyondPool(), sink[0]));
    }

    private interface Frame {
        void make(int k);
    }

    private static void add(double[] into, long[] m) {
        for (int i = 0; i < into.length; i++) {
            into[i] += m[i];
        }
    }

    /** {heap bytes, thread CPU ns, wall ns} of FRAMES frames on this thread. */
    private static long[] measure(Frame frame, int round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long heap = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            frame.make(round * FRAMES + i);
        }
        return new long[] {threads.getCurrentThreadAllocatedBytes() - heap, threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall};
    }
}
