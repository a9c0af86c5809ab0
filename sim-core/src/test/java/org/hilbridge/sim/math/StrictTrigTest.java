package org.hilbridge.sim.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StrictTrig} against the reference it promises to equal: StrictMath.sin, cos and tan of the JDK that runs the
 * test (fdlibm 5.3, in C on JDK 17 and in Java from JDK 21), bit for bit, on the arguments where fdlibm changes path
 * and on a few million drawn ones; and taking nothing from the heap (ThreadMXBean's allocated bytes, not a timing).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StrictTrigTest {
    private static final double HALF_PI = StrictMath.PI / 2;
    private double sink;

    private record Function(String name, DoubleUnaryOperator ours, DoubleUnaryOperator reference) {
    }

    private static final List<Function> FUNCTIONS = List.of(
            new Function("sin", StrictTrig::sin, StrictMath::sin),
            new Function("cos", StrictTrig::cos, StrictMath::cos),
            new Function("tan", StrictTrig::tan, StrictMath::tan));

    private static void assertSameBits(double x) {
        for (Function f : FUNCTIONS) {
            double want = f.reference().applyAsDouble(x);
            double got = f.ours().applyAsDouble(x);
            if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
                throw new AssertionError(f.name() + "(" + x + " = " + Double.toHexString(x) + "): StrictMath gives "
                        + Double.toHexString(want) + ", StrictTrig " + Double.toHexString(got));
            }
        }
    }

    /** x and its neighbours up to {@code ulps} steps either side. */
    private static void assertSameBitsAround(double x, int ulps) {
        double up = x;
        double down = x;
        assertSameBits(x);
        for (int i = 0; i < ulps; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            assertSameBits(up);
            assertSameBits(down);
        }
    }

    @Test
    void equalsStrictMathWhereFdlibmChangesPath() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1022 / 3,
            0x1p-28, 0x1p-27, 0x1p-26, 0.3, 0.6744, 0.67434, 0.78125, StrictMath.PI / 4, 3 * StrictMath.PI / 4, HALF_PI,
            StrictMath.PI, 1.0, 2.0, 0x1p19 * HALF_PI, 0x1p20, 823549.6, 1e6, 1e9, 0x1p1023, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double e : edges) {
            assertSameBitsAround(e, 4);
            assertSameBitsAround(-e, 4);
        }
        // Next to multiples of pi/2 the first subtraction cancels and fdlibm subtracts more of pi/2 (e_rem_pio2.c):
        // the 31 multiples of its table, then multiples up to the end of the medium range.
        for (int n = 1; n <= 40; n++) {
            assertSameBitsAround(n * HALF_PI, 40);
            assertSameBitsAround(-n * HALF_PI, 40);
        }
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + random.nextInt(1 << 19);
            assertSameBitsAround((random.nextBoolean() ? 1 : -1) * n * HALF_PI, 3);
        }
    }

    @Test
    void equalsStrictMathOnDrawnArguments() {
        SplittableRandom random = new SplittableRandom(17_25);
        double[] spans = {1, 4, 10, 100, 1e4, 1e6};
        for (double span : spans) {
            for (int i = 0; i < 300_000; i++) {
                assertSameBits(random.nextDouble(-span, span));
            }
        }
        // Every exponent: random bit patterns (NaNs and infinities included).
        for (int i = 0; i < 300_000; i++) {
            assertSameBits(Double.longBitsToDouble(random.nextLong()));
        }
    }

    /**
     * No call allocates: windows of 10,000 calls of each function on arguments past pi/4 (where JDK 21+'s StrictMath
     * allocates 32 bytes a call), after a warm-up, until one window allocates nothing (at most 5). An allocating call
     * costs at least 16 bytes, 160 kB a window, so no window would come out at 0; what one window may still see once
     * is the JIT's own work on this thread (see BufferedSensorTest).
     */
    @Test
    void allocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<String> failures = new ArrayList<>();
        for (Function f : FUNCTIONS) {
            DoubleUnaryOperator op = f.ours();
            double sink = 0;
            for (int k = 0; k < 50_000; k++) {
                sink += op.applyAsDouble(argument(k));
            }
            long[] windows = new long[5];
            int window = 0;
            int k = 0;
            do {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int end = k + 10_000; k < end; k++) {
                    sink += op.applyAsDouble(argument(k));
                }
                windows[window] = threads.getCurrentThreadAllocatedBytes() - before;
            } while (windows[window++] != 0 && window < windows.length);
            this.sink += sink; // the results are used, so the calls cannot be dropped
            if (windows[window - 1] != 0) {
                failures.add(f.name() + ": bytes allocated by each window of 10000 calls: " + Arrays.toString(Arrays.copyOf(windows, window)));
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Arguments from -10 to 10 rad, most of them past pi/4 and so reduced. */
    private static double argument(int k) {
        return (k % 2000) * 0.01 - 10 + k * 1e-9;
    }
}
