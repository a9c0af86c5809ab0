package org.hilbridge.bridge.ros;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script under Debian's interpreter (/usr/bin/python3: the ROS modules belong to it, see
 * PEERS.md), feeding it bytes on stdin and returning its stdout. A missing interpreter or module fails the
 * test naming the Debian package; the process is always killed before returning.
 */
public final class RosPython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private RosPython() {
    }

    /** Runs {@code script} with {@code stdin}; fails the test (naming stderr) unless it exits 0 within {@code timeoutS}. */
    public static byte[] run(String script, byte[] stdin, Map<String, String> env, long timeoutS) {
        if (!Files.isExecutable(PYTHON)) {
            fail("no " + PYTHON + ": install Debian's python3 and the ROS message packages (scripts/test.sh DEBIAN_PACKAGES)");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = null;
        try {
            p = pb.start();
            Process proc = p;
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(proc.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(proc.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the script may exit without reading everything; its exit status and stderr tell why
            }
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                fail("python script did not finish within " + timeoutS + " s");
            }
            byte[] o = out.get(10, TimeUnit.SECONDS);
            String e = new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String hint = e.contains("ModuleNotFoundError") ? " (a ROS Python module is missing: install the python3-*-msgs / python3-genpy Debian packages listed in scripts/test.sh)" : "";
                fail("python script exited " + p.exitValue() + hint + ":\n" + e);
            }
            return o;
        } catch (IOException e) {
            return fail("cannot start " + PYTHON + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (Exception e) {
            return fail("python script failed: " + e);
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    public static String runText(String script, byte[] stdin, long timeoutS) {
        return new String(run(script, stdin, Map.of(), timeoutS), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
