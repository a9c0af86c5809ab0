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
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.hilbridge.hil.record.BagReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hilbridge metrics}: folders of images or a recorded run in, metrics.json and metrics.html out; bad input
 * refused with exit code 2. The default reference is the colour photographs of Debian's python3-skimage.
 */
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

    private static int frames(String json) {
        Matcher m = Pattern.compile("\"frames\": (\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    private static String featureMeans(String json) {
        return json.substring(json.indexOf("\"feature_means\""));
    }

    @Test
    void theDefaultReferenceIsTheColourPhotographsOfPython3Skimage() throws Exception {
        ReferencePhotos photos = ReferencePhotos.skimage();
        assertEquals(6, photos.files().size());
        for (Path f : photos.files()) {
            BufferedImage im = ImageIO.read(f.toFile());
            assertNotNull(im, "python3-skimage photograph " + f + " unreadable");
            // colour: three colour components, and not grey stored as RGB (some pixel with R != G or G != B)
            assertTrue(im.getColorModel().getColorSpace().getNumComponents() >= 3, f + " is not a colour image");
            boolean coloured = false;
            for (int y = 0; y < im.getHeight() && !coloured; y += 7) {
                for (int x = 0; x < im.getWidth() && !coloured; x += 7) {
                    int c = im.getRGB(x, y);
                    coloured = ((c >> 16) & 0xff) != ((c >> 8) & 0xff) || ((c >> 8) & 0xff) != (c & 0xff);
                }
            }
            assertTrue(coloured, f + " holds only grey pixels");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferencePhotos.of(dir));
        assertTrue(e.getMessage().contains("python3-skimage") && e.getMessage().contains("astronaut.png"), e.getMessage());
    }

    @Test
    void aRecordedFoggyRunIsJudgedRawAndAugmentedAgainstTheSkimagePhotographs() throws Exception {
        Path bag = dir.resolve("fog.bag");
        int run = HilbridgeCli.commandLine().execute("run", "../launch/scenarios/offroad_course.yaml", "--record", bag.toString(),
                "--record-topics", MetricsCommand.RAW_TOPIC + "," + MetricsCommand.AUGMENTED_TOPIC, "--set", "runner.progress_every_s=0",
                "--set", "duration_s=0.5", "--set", "runner.pacing=fast", "--set", "controller.type=none", "--set", "weather.condition=fog",
                "--set", "weather.intensity=0.8", "--set", "augment.enabled=true");
        assertTrue(run == 0 || run == 1, "hilbridge run exited " + run);
        int recorded;
        try (BagReader reader = BagReader.open(bag)) {
            recorded = reader.messagesOn(MetricsCommand.RAW_TOPIC).size();
            assertEquals(recorded, reader.messagesOn(MetricsCommand.AUGMENTED_TOPIC).size());
        }
        assertTrue(recorded >= 4, "only " + recorded + " camera frames recorded");
        BagImages raw = BagImages.read(bag, MetricsCommand.RAW_TOPIC);
        assertEquals(recorded, raw.frames().size());
        assertEquals(640, raw.frames().get(0).widthPx()); // offroad_course.yaml: front_camera 640 x 480
        assertEquals(480, raw.frames().get(0).heightPx());

        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = execute(err, out, "metrics", "--bag", bag.toString(), "--out", dir.resolve("report").toString());
        assertEquals(0, code, err.toString());
        String rawJson = Files.readString(dir.resolve("report/raw/metrics.json"));
        String augJson = Files.readString(dir.resolve("report/augmented/metrics.json"));
        for (String json : List.of(rawJson, augJson)) {
            assertEquals(recorded, frames(json));
            for (String field : List.of("\"references\": 6", "\"nearest_neighbour_overlap\"", "\"classifier_accuracy\"", "\"classifier_p_value\"",
                    "\"spread\"", "\"coverage\"", "\"condition_bin_coverage\"", "\"feature_means\"")) {
                assertTrue(json.contains(field), field + " missing in " + json);
            }
        }
        // the fog changed the pixels, so the augmented frames' statistics are not the raw ones
        assertNotEquals(featureMeans(rawJson), featureMeans(augJson));
        for (String kind : List.of("raw", "augmented")) {
            String html = Files.readString(dir.resolve("report/" + kind + "/metrics.html"));
            assertTrue(html.contains("<svg") && html.contains("python3-skimage photographs"), html);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(MetricsCommand.AUGMENTED_TOPIC + ": " + recorded + " images against 6 references"), printed);
    }

    @Test
    void aBagWithoutCameraImagesOrBothSourcesIsBadInput() throws Exception {
        Path bag = dir.resolve("odom.bag");
        int run = HilbridgeCli.commandLine().execute("run", "../launch/scenarios/obstacle_field.yaml", "--record", bag.toString(),
                "--set", "runner.progress_every_s=0", "--set", "duration_s=0.2");
        assertTrue(run == 0 || run == 1, "hilbridge run exited " + run);
        StringWriter err = new StringWriter();
        assertEquals(2, execute(err, new ByteArrayOutputStream(), "metrics", "--bag", bag.toString()));
        assertTrue(err.toString().contains("holds 0 images on /camera/image_raw"), err.toString());
        err = new StringWriter();
        assertEquals(2, execute(err, new ByteArrayOutputStream(), "metrics", "--bag", bag.toString(), "--images", dir.toString()));
        assertTrue(err.toString().contains("give exactly one of --images DIR and --bag RUN.bag (got both)"), err.toString());
    }
}
