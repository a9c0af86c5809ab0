package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hilbridge.sim.OtherJvms;
import org.junit.jupiter.api.Test;

/**
 * Frames are bit-identical in another JVM process and under every other JDK installed in /usr/lib/jvm (or
 * named in HILBRIDGE_TEST_JDKS): the renderer uses IEEE basic arithmetic, Math.sqrt/floor/min/max and
 * StrictMath only (DESIGN.md). A second JDK of another major version is required (see OtherJvms).
 */
class CameraAcrossJvmsTest {
    private static final long SEED = 424242L;

    @Test
    void identicalInAnotherProcessAndUnderOtherJdks() throws Exception {
        String expected = Long.toHexString(CameraFingerprint.of(SEED));
        assertNotEquals(expected, Long.toHexString(CameraFingerprint.of(SEED + 1)), "another seed, another fingerprint");
        OtherJvms.assertSameOutputEverywhere(expected, OtherJvms.classpathOf(CameraFingerprint.class, CameraRenderer.class),
                CameraFingerprint.class, Long.toString(SEED));
    }
}
