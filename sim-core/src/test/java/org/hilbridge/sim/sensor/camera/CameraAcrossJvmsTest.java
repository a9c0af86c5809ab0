package org.hilbridge.sim.sensor.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Frames are bit-identical in another JVM process and under every other JDK installed in /usr/lib/jvm (or
 * named in HILBRIDGE_TEST_JDKS): the renderer uses IEEE basic arithmetic, Math.sqrt/floor/min/max and
 * StrictMath only (DESIGN.md). Skipped where no other JDK is installed; DeterminismTest requires one.
 */
class CameraAcrossJvmsTest {
    private static final long SEED = 424242L;

    @Test
    void identicalInAnotherProcessAndUnderOtherJdks() throws Exception {
        String expected = Long.toHexString(CameraFingerprint.of(SEED));
        assertNotEquals(expected, Long.toHexString(CameraFingerprint.of(SEED + 1)), "another seed, another fingerprint");
        Path self = Paths.get(ProcessHandle.current().info().command().orElseThrow());
        String classpath = location(CameraFingerprint.class) + File.pathSeparator + location(CameraRenderer.class);
        assertEquals(expected, runIn(self, classpath), "second process, same JDK");
        List<Path> others = otherJdks(self);
        Assumptions.assumeFalse(others.isEmpty(), "no other JDK installed");
        for (Path java : others) {
            assertEquals(expected, runIn(java, classpath), java.toString());
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String runIn(Path java, String classpath) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, CameraFingerprint.class.getName(), Long.toString(SEED))
                .redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(java + " did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), java + " failed: " + out);
        return out;
    }

    private static List<Path> otherJdks(Path self) throws IOException {
        List<Path> homes = new ArrayList<>();
        String listed = System.getenv("HILBRIDGE_TEST_JDKS");
        if (listed != null && !listed.isBlank()) {
            for (String h : listed.split(File.pathSeparator)) {
                homes.add(Paths.get(h));
            }
        }
        Path jvmDir = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvmDir)) {
            try (Stream<Path> s = Files.list(jvmDir)) {
                s.sorted().forEach(homes::add);
            }
        }
        Path selfReal = self.toRealPath();
        List<Path> found = new ArrayList<>();
        for (Path home : homes) {
            Path java = home.resolve("bin/java");
            if (Files.isExecutable(java) && Files.isRegularFile(home.resolve("release"))) {
                Path real = java.toRealPath();
                if (!real.equals(selfReal) && !found.contains(real)) {
                    found.add(real);
                }
            }
        }
        return found;
    }
}
