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
 * {@code hilbridge metrics --images DIR --reference DIR}: the data-quality report of a folder of frames (e.g.
 * augmented camera frames saved as PNG) against a folder of real photographs (JSON and an HTML page).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Data-quality report of a folder of images against a folder of real photographs: indistinguishability "
                + "(nearest-neighbour overlap, classifier two-sample test), richness (spread, coverage), as metrics.json and metrics.html.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:report written", "2:bad input (a folder, an image)"})
final class MetricsCommand implements Callable<Integer> {
    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Frames to judge: PNG or JPEG files.")
    Path images;

    @Option(names = "--reference", required = true, paramLabel = "DIR",
            description = "Real photographs (PNG or JPEG), e.g. /usr/share/backgrounds/gnome from Debian's gnome-backgrounds.")
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
        List<double[]> frames = features(images, "--images");
        List<double[]> refs = features(reference, "--reference");
        RealismReport r = RealismReport.of(frames, refs, List.of(), PhotometricSpace.SPACE, List.of(), seed);
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.json"), r.toJson());
        Files.writeString(out.resolve("metrics.html"), r.toHtml("hilbridge metrics: " + images + " against " + reference));
        System.out.printf(Locale.ROOT, "%d images against %d references: nearest-neighbour overlap %.3f, two-sample accuracy %.3f (p = %.3g), "
                        + "coverage %.3f%nwrote %s and %s%n", r.frames(), r.references(), r.nearestNeighbourOverlap(), r.twoSample().accuracy(),
                r.twoSample().pValue(), r.coverage(), out.resolve("metrics.json"), out.resolve("metrics.html"));
        return ExitCodes.OK;
    }

    private List<double[]> features(Path dir, String option) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " = '" + dir + "' is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)")).sorted().toList();
        }
        List<double[]> out = new ArrayList<>();
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            if (image == null) {
                throw new IllegalArgumentException(option + ": '" + f + "' is not an image this JVM can read");
            }
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
            out.add(ImageStatistics.of(w, h, rgb));
        }
        if (out.size() < 4) {
            throw new IllegalArgumentException(option + " = '" + dir + "' holds " + out.size() + " PNG or JPEG images: the metrics need at least 4");
        }
        return out;
    }
}
