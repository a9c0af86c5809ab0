package org.hilbridge.sim.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hilbridge.sim.OtherJvms;
import org.hilbridge.sim.vehicle.Vehicle;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical trajectories: in this JVM, in a fresh JVM process, and under every
 * other JDK installed (at least one of another major version is required; see {@link OtherJvms}). A
 * different seed changes the result (terrain and driver are seeded).
 */
class DeterminismTest {
    private static final long SEED = 20261126L;

    @Test
    void sameSeedSameTrajectoryDifferentSeedDifferentTrajectory() {
        long a = TrajectoryFingerprint.of(SEED);
        assertEquals(a, TrajectoryFingerprint.of(SEED));
        assertNotEquals(a, TrajectoryFingerprint.of(SEED + 1));
    }

    @Test
    void identicalAcrossJvmProcessesAndJdks() throws Exception {
        String expected = Long.toHexString(TrajectoryFingerprint.of(SEED));
        OtherJvms.assertSameOutputEverywhere(expected, OtherJvms.classpathOf(TrajectoryFingerprint.class, Vehicle.class),
                TrajectoryFingerprint.class, Long.toString(SEED));
    }
}
