package org.hilbridge.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProcessExit} in child JVMs: it exits with the command's code while the JVM runs, and does nothing once the
 * JVM's shutdown has begun. Called from a shutdown hook, System.exit would block for ever (Runtime.exit's contract: a
 * call after the shutdown sequence began blocks indefinitely), so a child whose hook calls it would hang here; this is
 * the state in which the commands' main threads come to it after a SIGINT or SIGTERM.
 */
@Timeout(120)
class ProcessExitTest {
    @Test
    void exitsWithTheCodeWhileTheJvmRuns() throws Exception {
        Result r = child("5");
        assertEquals(5, r.status, r.output);
        assertTrue(r.output.contains("running, shutting down: false"), r.output);
    }

    @Test
    void doesNothingOnceTheShutdownHasBegun() throws Exception {
        Result r = child();
        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("in the hook, shutting down: true") && r.output.contains("in the hook, exit returned"), r.output);
    }

    private record Result(int status, String output) {
    }

    private static Result child(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", classpath, Child.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "the child did not end (ProcessExit.exit blocked in a shutdown hook?): " + output);
        return new Result(p.exitValue(), output);
    }

    /** Prints what ProcessExit sees while running and in a shutdown hook; with an argument, exits with it. */
    static final class Child {
        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("in the hook, shutting down: " + ProcessExit.shuttingDown());
                ProcessExit.exit(7);
                System.out.println("in the hook, exit returned");
            }));
            System.out.println("running, shutting down: " + ProcessExit.shuttingDown());
            if (args.length > 0) {
                ProcessExit.exit(Integer.parseInt(args[0]));
            }
        }
    }
}
