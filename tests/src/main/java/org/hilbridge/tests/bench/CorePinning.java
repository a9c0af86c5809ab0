package org.hilbridge.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a HIL rig keeps a 1 kHz loop on time next to heavy work: the simulation thread alone on the last core,
 * under SCHED_FIFO (real-time, above every normal thread), and every other thread of the JVM (renderer, LiDAR
 * sealer, transports, GC) plus the autonomy stack's process on the other cores. Linux's util-linux tools do it
 * from outside the JVM (Java has no API for thread affinity or policy): {@code taskset -p} sets a task's CPU
 * affinity and {@code chrt -f -R -p} its policy (taskset(1), chrt(1), sched(7); {@code -R} is
 * SCHED_RESET_ON_FORK, so threads the simulation thread starts do not inherit the real-time policy). Needs root
 * (CAP_SYS_NICE) and at least 2 cores; fails naming the command otherwise.
 */
final class CorePinning {
    /** The real-time priority of the simulation thread (1..99; above the kernel's default for threaded IRQs, 50, is not needed). */
    private static final int FIFO_PRIORITY = 40;

    private final long pid = ProcessHandle.current().pid();
    private final String simTid;
    private final int simCpu;
    private final String otherCpus;

    private CorePinning(String simTid, int cpus) {
        this.simTid = simTid;
        this.simCpu = cpus - 1;
        this.otherCpus = cpus == 2 ? "0" : "0-" + (cpus - 2);
    }

    /** For the calling thread, which becomes the simulation thread. */
    static CorePinning ofCallingThread() throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            throw new IllegalStateException("core pinning needs at least 2 cores, this machine has " + cpus);
        }
        // /proc/thread-self -> "<pid>/task/<tid>" (proc(5)): the calling thread's kernel task id.
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return new CorePinning(link.getFileName().toString(), cpus);
    }

    /** The cores for everything but the simulation thread, as taskset's -c list (for child processes). */
    String otherCpus() {
        return otherCpus;
    }

    /**
     * Moves every thread of this JVM to the other cores, then the simulation thread to its own core under
     * SCHED_FIFO. Call again after the run has started its threads (new threads inherit their creator's affinity).
     */
    void apply() throws IOException, InterruptedException {
        exec(List.of("taskset", "-a", "-p", "-c", otherCpus, Long.toString(pid)));
        exec(List.of("taskset", "-p", "-c", Integer.toString(simCpu), simTid));
        exec(List.of("chrt", "-f", "-R", "-p", Integer.toString(FIFO_PRIORITY), simTid));
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "; needs root and util-linux): " + out.trim());
        }
    }
}
