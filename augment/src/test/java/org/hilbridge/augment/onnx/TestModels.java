package org.hilbridge.augment.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test models with Debian's python3-onnx (src/test/resources/onnx/make_models.py). A missing
 * python3 or python3-onnx fails the test naming the package; it never skips.
 */
public final class TestModels {
    private TestModels() {
    }

    public static Path build(Path dir, int width, int height) throws IOException, InterruptedException {
        Path script = dir.resolve("make_models.py");
        try (InputStream in = TestModels.class.getResourceAsStream("/onnx/make_models.py")) {
            Files.copy(in, script);
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString(), Integer.toString(width), Integer.toString(height))
                .redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run /usr/bin/python3 to build the ONNX test models: install Debian's python3-onnx (" + e.getMessage() + ")", e);
        }
        try {
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("building the ONNX test models failed (is Debian's python3-onnx installed?):\n" + log);
            }
        } finally {
            p.destroyForcibly();
        }
        return dir;
    }
}
