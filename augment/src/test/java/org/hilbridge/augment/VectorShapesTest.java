package org.hilbridge.augment;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hilbridge.augment.gate.GateThresholds;
import org.hilbridge.augment.gate.GroundingGate;
import org.hilbridge.augment.param.ParameterSet;
import org.hilbridge.augment.photometric.PhotometricBackend;
import org.hilbridge.sim.math.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The photometric chain with every Vector API kernel (wet pass, motion blur set-up, JPEG) and then the grounding gate
 * (box cascade, SSIM map), on one thread as the real-time stage's worker runs them, settle to allocating nothing per
 * frame. Where C2 leaves a Vector API kernel uncompiled as intrinsics, each vector is an object and every frame
 * allocates: that is what happened when the gate's float vectors had another shape than the chain's (see
 * {@link VectorShapes}; checked: with the gate on 256-bit floats beside the chain's 512-bit ones this test fails on an
 * AVX-512 machine). Allocation, not time, is the signal, so the test does not depend on the machine's speed.
 */
class VectorShapesTest {
    @Test
    @Timeout(120)
    void theChainAndThenTheGateOnOneThreadSettleToAllocatingNothing() {
        assertTrue(VectorApi.present(), "the tests run with --add-modules " + VectorApi.MODULE + " (the root pom's surefire argLine)");
        AugmentInput in = TestFrames.render(96, 72, 3, 0.3, new Vec3(10, 0, 0));
        ParameterSet p = SPACE.of(Map.of(FOG_VISIBILITY_M, 300.0, RAIN_RATE_MM_H, 20.0, RAIN_WETNESS, 0.5, NOISE_FULL_WELL_E, 2000.0,
                BLUR_EXPOSURE_MS, 10.0, LENS_DEFOCUS_PX, 2.0, LENS_DIRT, 0.5, CODEC_JPEG_QUALITY, 50.0));
        PhotometricBackend backend = new PhotometricBackend();
        GroundingGate gate = new GroundingGate(GateThresholds.DEFAULT);
        byte[] out = new byte[in.rgb8().length];
        // The gate's scores record is its one object a frame (the allowance's 512 bytes cover it).
        SteadyAllocation.assertNothingAllocatedOnceCompiled(k -> {
            backend.augment(in, p, k, out);
            gate.score(in.width(), in.height(), in.rgb8(), out, in.semantic());
        }, 512, 5000, 60_000_000_000L, 20, "the chain then the gate");
    }
}
