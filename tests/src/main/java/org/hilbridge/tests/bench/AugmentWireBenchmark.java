package org.hilbridge.tests.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.GroundingScores;
import org.hilbridge.augment.Outcome;
import org.hilbridge.augment.Provenance;
import org.hilbridge.bridge.ros.mapping.AugmentInfoEncoder;
import org.hilbridge.bridge.ros.mapping.ImageEncoder;
import org.hilbridge.bridge.socket.mapping.SampleEncoder;
import org.hilbridge.sim.sensor.camera.CameraFrame;

/**
 * What putting the augmented image on the wires costs per 1280x720 frame (issue 9), on the publishing thread:
 * serialising the protobuf Image frame with its augmented channel against the same frame without it, and the
 * ROS /camera/image_augmented body plus its JSON record against the /camera/image_raw body. Both images are
 * wrapped, never copied, so the cost is the small heads (and the JSON text): time and heap bytes per frame,
 * each against its reference measured in the same run.
 */
final class AugmentWireBenchmark implements Benchmark {
    private static final int WARMUP = 3_000;
    private static final int FRAMES = 20_000;

    @Override
    public String name() {
        return "augwire";
    }

    @Override
    public String description() {
        return "per-frame cost of the augmented image on ROS and protobuf (1280x720, pixels wrapped) against the raw image alone";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        StartOfRoute rig = StartOfRoute.withCamera(1280, 720, 30);
        CameraFrame raw = rig.camera().sample(rig.vehicle(), 0);
        byte[] pixels = raw.image().rgbData().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ~pixels[i];
        }
        Map<String, Double> params = new java.util.TreeMap<>();
        for (String k : List.of("fog.visibility_m", "fog.airlight", "fog.dust", "rain.rate_mm_h", "rain.wetness", "snow.rate", "light.sun_scale",
                "light.sky_scale", "sensor.exposure_ev", "noise.full_well_e", "lens.vignetting", "codec.jpeg_quality")) {
            params.put(k, 0.5);
        }
        AugmentedFrame aug = new AugmentedFrame(raw.streamId(), raw.sequence(), raw.captureNanos(), raw.frameId(), raw.width(), raw.height(), pixels,
                Outcome.AUGMENTED, new Provenance("photometric", "0".repeat(64), params, 1234), new GroundingScores(0.9, 0.8, 0.95, 0.7, 0.85));
        report.note(String.format("1280x720 rgb8 (%.1f MB a frame), %d provenance parameters; %d frames after %d warm-up; one thread; pooled allocator",
                pixels.length / 1e6, params.size(), FRAMES, WARMUP));

        SampleEncoder proto = new SampleEncoder(PooledByteBufAllocator.DEFAULT, false, false, false);
        ImageEncoder images = new ImageEncoder(PooledByteBufAllocator.DEFAULT);
        AugmentInfoEncoder infos = new AugmentInfoEncoder(PooledByteBufAllocator.DEFAULT);
        long[] protoRef = measure(() -> proto.encode(raw, 1L).release());
        long[] protoAug = measure(() -> proto.encodeImage(raw, aug, true, 1L).release());
        long[] rosRef = measure(() -> images.rgb8(raw).release());
        long[] rosAug = measure(() -> {
            images.rgb8(aug).release();
            infos.encode(aug, true).release();
        });
        report.figure(name(), "proto_image_with_augmented_encode", protoAug[0] / (double) FRAMES, "ns", "proto_image_raw_only_encode", protoRef[0] / (double) FRAMES);
        report.figure(name(), "proto_image_with_augmented_heap", protoAug[1] / (double) FRAMES, "bytes", "proto_image_raw_only_heap", protoRef[1] / (double) FRAMES);
        report.figure(name(), "ros_augmented_image_and_info_encode", rosAug[0] / (double) FRAMES, "ns", "ros_image_raw_encode", rosRef[0] / (double) FRAMES);
        report.figure(name(), "ros_augmented_image_and_info_heap", rosAug[1] / (double) FRAMES, "bytes", "ros_image_raw_heap", rosRef[1] / (double) FRAMES);
        report.figure(name(), "proto_image_with_augmented_heap_share_of_pixels", (double) protoAug[1] / FRAMES / pixels.length, "ratio");
    }

    /** {total ns, total heap bytes allocated by this thread} over FRAMES runs, after WARMUP. */
    private static long[] measure(Runnable r) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        for (int i = 0; i < WARMUP; i++) {
            r.run();
        }
        long heap0 = threads.getThreadAllocatedBytes(me);
        long t0 = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            r.run();
        }
        long ns = System.nanoTime() - t0;
        return new long[] {ns, threads.getThreadAllocatedBytes(me) - heap0};
    }
}
