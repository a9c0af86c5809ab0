package org.hilbridge.sim.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hilbridge.sim.vehicle.Vehicle;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives bit-identical trajectories: in this JVM, in two fresh JVM processes, and under every
 * other JDK installed (at least one of another major version is required: this machine's OpenJDK 17 and
 * Temurin 25 in /usr/lib/jvm, or those named in the HILBRIDGE_TEST_JDKS environment variable, separated by
 * the path separator). A different seed changes the result (terrain and driver are seeded).
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
        Path self = Paths.get(ProcessHandle.current().info().command().orElseThrow());
        String classpath = codeLocation(TrajectoryFingerprint.class) + File.pathSeparator + codeLocation(Vehicle.class);

        assertEquals(expected, runIn(self, classpath), "second process, same JDK");
        assertEquals(expected, runIn(self, classpath), "third process, same JDK");

        int selfVersion = Runtime.version().feature();
        Map<Path, Integer> others = otherJdks(self);
        System.out.println("fingerprint " + expected + " (JDK " + selfVersion + "); other JDKs: " + others);
        assertTrue(others.values().stream().anyMatch(v -> v != selfVersion),
                "this test needs a second JDK of another major version than " + selfVersion + " (found: " + others + "). "
                        + "Install one under /usr/lib/jvm or name its home in HILBRIDGE_TEST_JDKS.");
        for (Map.Entry<Path, Integer> jdk : others.entrySet()) {
            assertEquals(expected, runIn(jdk.getKey(), classpath), "JDK " + jdk.getValue() + " at " + jdk.getKey());
        }
    }

    private static String codeLocation(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String runIn(Path java, String classpath) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, TrajectoryFingerprint.class.getName(), Long.toString(SEED))
                .redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(java + " did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), java + " failed: " + out);
        return out;
    }

    /** Java launchers of the JDKs installed besides {@code self}, with their major versions. */
    private static Map<Path, Integer> otherJdks(Path self) throws IOException {
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
        Map<Path, Integer> found = new LinkedHashMap<>();
        for (Path home : homes) {
            Path java = home.resolve("bin/java");
            Path release = home.resolve("release");
            if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
                continue;
            }
            Path real = java.toRealPath();
            if (real.equals(selfReal) || found.containsKey(real)) {
                continue;
            }
            Integer version = majorVersion(release);
            if (version != null) {
                found.put(real, version);
            }
        }
        return found;
    }

    private static Integer majorVersion(Path release) throws IOException {
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                String major = v.startsWith("1.") ? v.substring(2) : v;
                int end = 0;
                while (end < major.length() && Character.isDigit(major.charAt(end))) {
                    end++;
                }
                return end == 0 ? null : Integer.parseInt(major.substring(0, end));
            }
        }
        return null;
    }
}
