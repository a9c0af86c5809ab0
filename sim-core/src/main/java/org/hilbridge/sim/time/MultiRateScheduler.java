package org.hilbridge.sim.time;

import java.util.Arrays;

/**
 * Runs tasks (sensors, controllers) at their own rates on the physics clock. A task with period P and
 * phase offset O fires at sim times O, O+P, O+2P, ... on the first tick at or after each of those times;
 * a period that is not a multiple of the physics step therefore keeps its long-run rate exactly (no drift),
 * with the usual one-step quantisation of each firing. Tasks fire in registration order, so the schedule
 * is deterministic. Ticking allocates nothing.
 */
public final class MultiRateScheduler {
    /** A scheduled task; {@code nowNanos} is the sim time of the tick that fires it. */
    @FunctionalInterface
    public interface Task {
        void run(long nowNanos);
    }

    private String[] names = new String[4];
    private Task[] tasks = new Task[4];
    private long[] periodNanos = new long[4];
    private long[] nextDueNanos = new long[4];
    private int count;

    /** Registers a task; the first firing is at {@code offsetNanos}. Returns its index. */
    public int register(String name, long periodNanos, long offsetNanos, Task task) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scheduled task needs a name");
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period of task '" + name + "' is " + periodNanos + " ns: it must be > 0 ns");
        }
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("offset of task '" + name + "' is " + offsetNanos + " ns: it must be >= 0 ns");
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                throw new IllegalArgumentException("a task named '" + name + "' is already scheduled");
            }
        }
        if (count == tasks.length) {
            int n = count * 2;
            names = Arrays.copyOf(names, n);
            tasks = Arrays.copyOf(tasks, n);
            this.periodNanos = Arrays.copyOf(this.periodNanos, n);
            nextDueNanos = Arrays.copyOf(nextDueNanos, n);
        }
        names[count] = name;
        tasks[count] = task;
        this.periodNanos[count] = periodNanos;
        nextDueNanos[count] = offsetNanos;
        return count++;
    }

    /** Fires every task due at or before {@code nowNanos} (at most once per tick each). */
    public void tick(long nowNanos) {
        for (int i = 0; i < count; i++) {
            if (nowNanos >= nextDueNanos[i]) {
                tasks[i].run(nowNanos);
                long next = nextDueNanos[i] + periodNanos[i];
                // A long pause (or a period shorter than the step) must not make a task fire in a burst.
                while (next <= nowNanos) {
                    next += periodNanos[i];
                }
                nextDueNanos[i] = next;
            }
        }
    }

    public int size() {
        return count;
    }

    public String name(int index) {
        return names[index];
    }
}
