package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGINT and SIGTERM end a run cleanly: the summary is printed and the process exits with the shell's
 * 128 + signal number (130, 143). Runs the CLI in a child JVM and signals it with kill(1).
 */
class SignalShutdownTest {
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // readLine ignores interrupts
    @ParameterizedTest(name = "{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsTheRunWithASummary(String signal, int expectedCode) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        // env --default-signal (GNU coreutils): a test JVM started in the background of a non-interactive shell
        // inherits SIGINT ignored, the child JVM would keep it ignored (HotSpot installs no handler for an ignored
        // signal) and SIGINT would do nothing; the run under test gets the default disposition either way.
        Process p = new ProcessBuilder("env", "--default-signal=INT,TERM", java.toString(), "-cp", classpath, HilbridgeCli.class.getName(), "run",
                "../launch/scenarios/offroad_course.yaml", "--set", "duration_s=86400", "--set", "runner.progress_every_s=5")
                .redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly)); // a timed-out test leaves no run behind
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (!signalled && line.contains(" t=")) {
                    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
                    signalled = true;
                }
            }
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String text = out.toString();
        assertEquals(expectedCode, p.exitValue(), text);
        assertTrue(text.contains("STOPPED_BY_REQUEST"), text);
        assertTrue(text.contains("result        STOPPED"), text);
    }
}
