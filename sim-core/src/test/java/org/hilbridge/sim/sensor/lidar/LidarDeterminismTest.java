package org.hilbridge.sim.sensor.lidar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hilbridge.sim.scene.SemanticClass;
import org.junit.jupiter.api.Test;

/**
 * The same seeds give a bit-identical point cloud: twice in this JVM, in a second JVM process, and under any
 * other JDK installed in /usr/lib/jvm (run when present; DeterminismTest is the one that requires one). A
 * different noise seed changes the cloud, and only through the noise: the same points, other ranges.
 */
class LidarDeterminismTest {
    private static final long SEED = 20261126L;
    private static final long NOISE_SEED = 7L;

    @Test
    void sameSeedsGiveBitIdenticalCloudsAndAnotherNoiseSeedDiffers() {
        List<PointCloudSample> a = PointCloudFingerprint.clouds(SEED, NOISE_SEED);
        List<PointCloudSample> b = PointCloudFingerprint.clouds(SEED, NOISE_SEED);
        assertEquals(4, a.size());
        int solids = 0;
        for (int k = 0; k < a.size(); k++) {
            PointCloudSample p = a.get(k);
            PointCloudSample q = b.get(k);
            assertTrue(p.pointCount() > 5000, p.toString());
            assertArrayEquals(p.x(), q.x());
            assertArrayEquals(p.y(), q.y());
            assertArrayEquals(p.z(), q.z());
            assertArrayEquals(p.intensity(), q.intensity());
            assertArrayEquals(p.ring(), q.ring());
            assertArrayEquals(p.timeOffsetS(), q.timeOffsetS());
            assertArrayEquals(p.semanticClassId(), q.semanticClassId());
            for (byte id : p.semanticClassId()) {
                solids += id >= SemanticClass.VEGETATION.id() ? 1 : 0;
            }
        }
        assertTrue(solids > 100, "the scenery is in view: " + solids + " points on solids");
        assertEquals(PointCloudFingerprint.hash(a), PointCloudFingerprint.hash(b));

        List<PointCloudSample> c = PointCloudFingerprint.clouds(SEED, NOISE_SEED + 1);
        assertNotEquals(PointCloudFingerprint.hash(a), PointCloudFingerprint.hash(c));
        assertTrue(!java.util.Arrays.equals(a.get(0).x(), c.get(0).x()), "another noise seed moves the points");
    }

    @Test
    void identicalInASecondJvmProcessAndUnderOtherJdks() throws Exception {
        String expected = Long.toHexString(PointCloudFingerprint.hash(PointCloudFingerprint.clouds(SEED, NOISE_SEED)));
        Path self = Paths.get(ProcessHandle.current().info().command().orElseThrow());
        String classpath = codeLocation(PointCloudFingerprint.class) + File.pathSeparator + codeLocation(LidarSensor.class);
        assertEquals(expected, runIn(self, classpath), "second process, same JDK");
        List<Path> others = otherJdks(self);
        System.out.println("point cloud fingerprint " + expected + " (JDK " + Runtime.version().feature() + "); also checked under " + others);
        for (Path java : others) {
            assertEquals(expected, runIn(java, classpath), "under " + java);
        }
    }

    private static String codeLocation(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String runIn(Path java, String classpath) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, PointCloudFingerprint.class.getName(), Long.toString(SEED), Long.toString(NOISE_SEED))
                .redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(java + " did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), java + " failed: " + out);
        return out;
    }

    /** Java launchers of the other JDKs (at least Java 17) in /usr/lib/jvm. */
    private static List<Path> otherJdks(Path self) throws IOException {
        List<Path> found = new ArrayList<>();
        Path jvmDir = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvmDir)) {
            return found;
        }
        Path selfReal = self.toRealPath();
        List<Path> homes;
        try (Stream<Path> s = Files.list(jvmDir)) {
            homes = s.sorted().toList();
        }
        for (Path home : homes) {
            Path java = home.resolve("bin/java");
            if (!Files.isExecutable(java) || !Files.isRegularFile(home.resolve("release"))) {
                continue;
            }
            Path real = java.toRealPath();
            if (!real.equals(selfReal) && !found.contains(real) && featureVersion(home.resolve("release")) >= 17) {
                found.add(real);
            }
        }
        return found;
    }

    private static int featureVersion(Path release) throws IOException {
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                int end = 0;
                while (end < v.length() && Character.isDigit(v.charAt(end))) {
                    end++;
                }
                return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
            }
        }
        return 0;
    }
}
