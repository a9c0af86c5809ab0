package org.hilbridge.sim.sensor.lidar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hilbridge.sim.scene.SemanticClass;
import org.hilbridge.sim.OtherJvms;
import org.junit.jupiter.api.Test;

/**
 * The same seeds give a bit-identical point cloud: twice in this JVM, in a second JVM process, and under any
 * other JDK installed (a second JDK of another major version is required, see OtherJvms). A
 * different noise seed changes the cloud, and only through the noise: the same points, other ranges.
 */
class LidarDeterminismTest {
    private static final long SEED = 20261126L;
    private static final long NOISE_SEED = 7L;

    @Test
    void sameSeedsGiveBitIdenticalCloudsAndAnotherNoiseSeedDiffers() {
        List<PointCloudSample> a = PointCloudFingerprint.clouds(SEED, NOISE_SEED);
        List<PointCloudSample> b = PointCloudFingerprint.clouds(SEED, NOISE_SEED);
        assertEquals(4, a.size());
        int solids = 0;
        for (int k = 0; k < a.size(); k++) {
            PointCloudSample p = a.get(k);
            PointCloudSample q = b.get(k);
            assertTrue(p.pointCount() > 5000, p.toString());
            assertArrayEquals(p.x(), q.x());
            assertArrayEquals(p.y(), q.y());
            assertArrayEquals(p.z(), q.z());
            assertArrayEquals(p.intensity(), q.intensity());
            assertArrayEquals(p.ring(), q.ring());
            assertArrayEquals(p.timeOffsetS(), q.timeOffsetS());
            assertArrayEquals(p.semanticClassId(), q.semanticClassId());
            for (byte id : p.semanticClassId()) {
                solids += id >= SemanticClass.VEGETATION.id() ? 1 : 0;
            }
        }
        assertTrue(solids > 100, "the scenery is in view: " + solids + " points on solids");
        assertEquals(PointCloudFingerprint.hash(a), PointCloudFingerprint.hash(b));

        List<PointCloudSample> c = PointCloudFingerprint.clouds(SEED, NOISE_SEED + 1);
        assertNotEquals(PointCloudFingerprint.hash(a), PointCloudFingerprint.hash(c));
        assertTrue(!java.util.Arrays.equals(a.get(0).x(), c.get(0).x()), "another noise seed moves the points");
    }

    @Test
    void identicalInASecondJvmProcessAndUnderOtherJdks() throws Exception {
        String expected = Long.toHexString(PointCloudFingerprint.hash(PointCloudFingerprint.clouds(SEED, NOISE_SEED)));
        OtherJvms.assertSameOutputEverywhere(expected, OtherJvms.classpathOf(PointCloudFingerprint.class, LidarSensor.class),
                PointCloudFingerprint.class, Long.toString(SEED), Long.toString(NOISE_SEED));
    }
}
