package org.hilbridge.hil.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hilbridge.augment.metrics.ImageStatistics;
import org.hilbridge.augment.metrics.RealismReport;
import org.hilbridge.augment.photometric.PhotometricSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hilbridge metrics --images DIR | --bag RUN.bag [--reference DIR]}: the data-quality report of a folder
 * of frames, or of the raw and augmented camera images of a recorded run (each judged on its own), against real
 * photographs (JSON and an HTML page). Without --reference the colour photographs of Debian's python3-skimage
 * ({@link ReferencePhotos}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Data-quality report of a folder of images or of a recorded run's camera images against real photographs: indistinguishability "
                + "(nearest-neighbour overlap, classifier two-sample test), richness (spread, coverage), as metrics.json and metrics.html.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:report written", "2:bad input (a folder, an image)"})
final class MetricsCommand implements Callable<Integer> {
    static final String RAW_TOPIC = "/camera/image_raw";
    static final String AUGMENTED_TOPIC = "/camera/image_augmented";

    @Option(names = "--images", paramLabel = "DIR", description = "Frames to judge: PNG or JPEG files.")
    Path images;

    @Option(names = "--bag", paramLabel = "RUN.bag", description = "A run recorded by `hilbridge run --record`: the rgb8 images of "
            + RAW_TOPIC + " and " + AUGMENTED_TOPIC + ", each judged against the reference (reports in OUT/raw and OUT/augmented).")
    Path bag;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "Real photographs (PNG or JPEG); default: the colour photographs of Debian's python3-skimage in "
                    + "/usr/lib/python3/dist-packages/skimage/data (astronaut, chelsea, coffee, rocket, motorcycle_left, motorcycle_right).")
    Path reference;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "metrics-report", description = "Where to write metrics.json and metrics.html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "320", description = "Images are scaled to this longest side first (default: ${DEFAULT-VALUE}).")
    int sizePx;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the cross-validation split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (sizePx < 16 || sizePx > 4096) {
            throw new IllegalArgumentException("--size = " + sizePx + " is not allowed: it must be in [16, 4096]");
        }
        if ((images == null) == (bag == null)) {
            throw new IllegalArgumentException("give exactly one of --images DIR and --bag RUN.bag (got "
                    + (images == null ? "neither" : "both") + ")");
        }
        // the frames first: a wrong --images is the likelier mistake, and is reported before the reference is read
        List<double[]> judged = images == null ? null : features(imageFiles(images, "--images"), "--images", images);
        String referenceName;
        List<double[]> refs;
        if (reference == null) {
            ReferencePhotos photos = ReferencePhotos.skimage();
            refs = features(photos.files(), "--reference", photos.folder());
            referenceName = "python3-skimage photographs (" + String.join(", ", photos.names()) + ")";
        } else {
            refs = features(imageFiles(reference, "--reference"), "--reference", reference);
            referenceName = reference.toString();
        }
        if (images != null) {
            report(judged, refs, out, images + " against " + referenceName);
            return ExitCodes.OK;
        }
        if (!Files.isRegularFile(bag)) {
            throw new IllegalArgumentException("--bag = '" + bag + "' is not a file");
        }
        for (String topic : List.of(RAW_TOPIC, AUGMENTED_TOPIC)) {
            BagImages recorded = BagImages.read(bag, topic);
            if (recorded.frames().size() < 4) {
                throw new IllegalArgumentException("--bag = '" + bag + "' holds " + recorded.frames().size() + " images on " + topic
                        + ": the metrics need at least 4 (record the camera, and for " + AUGMENTED_TOPIC + " an augment section)");
            }
            List<double[]> frames = new ArrayList<>();
            for (BagImages.Frame f : recorded.frames()) {
                frames.add(statistics(f.widthPx(), f.heightPx(), f.rgb()));
            }
            System.out.print(topic + ": ");
            report(frames, refs, out.resolve(topic.equals(RAW_TOPIC) ? "raw" : "augmented"), bag + " " + topic + " against " + referenceName);
        }
        return ExitCodes.OK;
    }

    private void report(List<double[]> frames, List<double[]> refs, Path dir, String title) throws IOException {
        RealismReport r = RealismReport.of(frames, refs, List.of(), PhotometricSpace.SPACE, List.of(), seed);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), r.toJson());
        Files.writeString(dir.resolve("metrics.html"), r.toHtml("hilbridge metrics: " + title));
        System.out.printf(Locale.ROOT, "%d images against %d references: nearest-neighbour overlap %.3f, two-sample accuracy %.3f (p = %.3g), "
                        + "coverage %.3f%nwrote %s and %s%n", r.frames(), r.references(), r.nearestNeighbourOverlap(), r.twoSample().accuracy(),
                r.twoSample().pValue(), r.coverage(), dir.resolve("metrics.json"), dir.resolve("metrics.html"));
    }

    private static List<Path> imageFiles(Path dir, String option) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " = '" + dir + "' is not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)")).sorted().toList();
        }
    }

    private List<double[]> features(List<Path> files, String option, Path dir) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            if (image == null) {
                throw new IllegalArgumentException(option + ": '" + f + "' is not an image this JVM can read");
            }
            out.add(statistics(image));
        }
        if (out.size() < 4) {
            throw new IllegalArgumentException(option + " = '" + dir + "' holds " + out.size() + " PNG or JPEG images: the metrics need at least 4");
        }
        return out;
    }

    /** A recorded rgb8 frame, judged like a file: the same scaling to --size first. */
    private double[] statistics(int widthPx, int heightPx, byte[] rgb) {
        BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        for (int y = 0, p = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++, p++) {
                image.setRGB(x, y, (rgb[3 * p] & 0xff) << 16 | (rgb[3 * p + 1] & 0xff) << 8 | (rgb[3 * p + 2] & 0xff));
            }
        }
        return statistics(image);
    }

    /** Scaled to --size on its longest side (bilinear), then the handcrafted statistics of {@link ImageStatistics}. */
    private double[] statistics(BufferedImage image) {
        double scale = Math.min(1, (double) sizePx / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale)), h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p++) {
                int c = small.getRGB(x, y);
                rgb[3 * p] = (byte) (c >> 16);
                rgb[3 * p + 1] = (byte) (c >> 8);
                rgb[3 * p + 2] = (byte) c;
            }
        }
        return ImageStatistics.of(w, h, rgb);
    }
}
