package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Texture#latticeCoordinate}, the renderer's cheap floor for grain lookups, against the exact
 * computation it replaced (Math.floor, then the tile index): the same tile index everywhere except for a v
 * less than 2^-29 below an integer, where v + 2^24 rounds up to the integer (IEEE 754 round to nearest; the
 * double spacing in [2^24, 2^25) is 2^-28), and there it is the neighbouring lattice point.
 */
class TextureTest {
    private static final double LIMIT = 0x1p23;

    private static int exact(double v) {
        return (int) Math.floor(v) & (Texture.GRAIN_SIZE - 1);
    }

    private static int cheap(double v) {
        return Texture.latticeCoordinate(v) & (Texture.GRAIN_SIZE - 1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theTileIndexIsFloorsExceptWithinTwoToTheMinus29BelowAnInteger() {
        SplittableRandom random = new SplittableRandom(7);
        int differences = 0;
        for (int k = 0; k < 2_000_000; k++) {
            // World coordinates in lattice steps (metres times 8 or 10 on the course), both signs, and points
            // just below, on and just above integers, where a floor can go wrong.
            double v = k % 2 == 0 ? random.nextDouble(-LIMIT, LIMIT)
                    : Math.rint(random.nextDouble(-1e5, 1e5)) + random.nextInt(-4, 5) * Math.ulp(1e5) * random.nextDouble();
            if (cheap(v) != exact(v)) {
                differences++;
                double below = Math.ceil(v) - v;
                assertTrue(below > 0 && below <= 0x1p-29, "v = " + v + ": differs while " + below + " below an integer");
                assertEquals((exact(v) + 1) & (Texture.GRAIN_SIZE - 1), cheap(v), "v = " + v + ": not the neighbour");
            }
        }
        // Near integers (half the draws) a share of the points fall within 2^-29 below one: the test reaches the case.
        assertTrue(differences > 0, "no point within 2^-29 below an integer was drawn");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void integersAndTheirNeighboursMapExactly() {
        for (int n = -100_000; n <= 100_000; n += 7) {
            assertEquals(exact(n), cheap(n), "integer " + n);
            assertEquals(exact(n + 1e-6), cheap(n + 1e-6), "just above " + n);
            assertEquals(exact(n - 1e-6), cheap(n - 1e-6), "just below " + n);
        }
    }
}
