package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hilbridge metrics}: folders of images in, metrics.json and metrics.html out; bad folders refused with exit code 2. */
@Timeout(60)
class MetricsCommandTest {
    @TempDir
    Path dir;

    /** Smooth gradients (one kind) or speckle (another), seeded: two sets the metrics must tell apart. */
    private static void write(Path folder, int count, boolean speckled, long seed) throws Exception {
        Files.createDirectories(folder);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < count; k++) {
            BufferedImage im = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            int base = 60 + r.nextInt(120);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int v = Math.max(0, Math.min(255, base + x + (speckled ? r.nextInt(81) - 40 : 0)));
                    im.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            ImageIO.write(im, "png", folder.resolve("img" + k + ".png").toFile());
        }
    }

    private static int execute(StringWriter err, ByteArrayOutputStream out, String... args) {
        CommandLine cl = HilbridgeCli.commandLine();
        cl.setErr(new PrintWriter(err));
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return cl.execute(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void writesTheReportAndTellsDifferentSetsApart() throws Exception {
        write(dir.resolve("frames"), 12, true, 1);
        write(dir.resolve("photos"), 12, false, 2);
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = execute(err, out, "metrics", "--images", dir.resolve("frames").toString(), "--reference", dir.resolve("photos").toString(),
                "--out", dir.resolve("report").toString());
        assertEquals(0, code, err.toString());
        String json = Files.readString(dir.resolve("report/metrics.json"));
        assertTrue(json.contains("\"classifier_accuracy\": 1.000"), json);
        assertTrue(Files.readString(dir.resolve("report/metrics.html")).contains("<svg"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("12 images against 12 references"));
    }

    @Test
    void aMissingFolderOrTooFewImagesIsBadInput() throws Exception {
        write(dir.resolve("few"), 2, false, 3);
        StringWriter err = new StringWriter();
        assertEquals(2, execute(err, new ByteArrayOutputStream(), "metrics", "--images", dir.resolve("none").toString(), "--reference", dir.resolve("few").toString()));
        assertTrue(err.toString().contains("--images = '" + dir.resolve("none") + "' is not a folder"), err.toString());
        err = new StringWriter();
        assertEquals(2, execute(err, new ByteArrayOutputStream(), "metrics", "--images", dir.resolve("few").toString(), "--reference", dir.resolve("few").toString()));
        assertTrue(err.toString().contains("holds 2 PNG or JPEG images: the metrics need at least 4"), err.toString());
    }
}
