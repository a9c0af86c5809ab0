package org.hilbridge.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM of this JVM's java and class path (for what one JVM cannot show about itself: no
 * Vector API module, a narrower vector width) and asserts that it exits 0 having printed a given line.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param jvmOptions options before the class path (e.g. -XX:MaxVectorSize=32, --add-modules ...)
     * @param main       the child's main class
     * @param expected   text the child prints when its checks pass (a child that exits 0 without it fails too)
     * @param args       the child's arguments
     * @return the child's output (stdout and stderr)
     */
    public static String run(List<String> jvmOptions, Class<?> main, String expected, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(100, TimeUnit.SECONDS), "the child JVM did not finish:\n" + log);
            assertEquals(0, p.exitValue(), "the child JVM failed:\n" + log);
            assertTrue(log.contains(expected), log);
            return log;
        } finally {
            p.destroyForcibly();
        }
    }
}
