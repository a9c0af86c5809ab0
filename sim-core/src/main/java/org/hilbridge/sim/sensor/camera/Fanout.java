package org.hilbridge.sim.sensor.camera;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs tasks 0 .. n-1 on an executor and waits for all of them; the first failure is rethrown on the caller.
 * Each task writes only its own part of the output, so the result never depends on which thread ran which
 * task, or when. The executor must have a thread free besides the caller's, unless it runs tasks on the
 * calling thread ({@code Runnable::run}).
 */
final class Fanout {
    private Fanout() {
    }

    static void run(Executor executor, int tasks, IntConsumer task) {
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < tasks; t++) {
            int id = t;
            try {
                executor.execute(() -> {
                    try {
                        task.accept(id);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                failure.compareAndSet(null, e);
                for (int rest = t; rest < tasks; rest++) {
                    done.countDown();
                }
                break;
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException("render task failed", f);
        }
    }
}
