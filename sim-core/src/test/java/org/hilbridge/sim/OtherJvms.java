package org.hilbridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Runs a main class in fresh JVM processes: this JDK and every other one installed (those in /usr/lib/jvm
 * and the homes listed in HILBRIDGE_TEST_JDKS, separated by the path separator). At least one JDK of another
 * major version is required: a missing one fails the test with what to install, it never skips it.
 */
public final class OtherJvms {
    private OtherJvms() {
    }

    /** The class-path entries (folders or jars) holding the given classes. */
    public static String classpathOf(Class<?>... classes) throws Exception {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : classes) {
            String p = Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!parts.contains(p)) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** Asserts that {@code main args} prints {@code expected} in a second process of this JDK and under every other JDK. */
    public static void assertSameOutputEverywhere(String expected, String classpath, Class<?> main, String... args) throws Exception {
        Path self = Paths.get(ProcessHandle.current().info().command().orElseThrow());
        assertEquals(expected, run(self, classpath, main, args), "second process, same JDK");
        int selfVersion = Runtime.version().feature();
        Map<Path, Integer> others = otherJdks(self);
        assertTrue(others.values().stream().anyMatch(v -> v != selfVersion),
                "this test needs a second JDK of another major version than " + selfVersion + " (found: " + others + "). "
                        + "Install one under /usr/lib/jvm or name its home in HILBRIDGE_TEST_JDKS.");
        for (Map.Entry<Path, Integer> jdk : others.entrySet()) {
            assertEquals(expected, run(jdk.getKey(), classpath, main, args), "JDK " + jdk.getValue() + " at " + jdk.getKey());
        }
    }

    private static String run(Path java, String classpath, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
