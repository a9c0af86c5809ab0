package org.hilbridge.hil.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A histogram of values (e.g. loop latencies, ms) in equal-width bins, as a PNG. Headless Java2D. */
public final class HistogramPlot {
    private static final int WIDTH_PX = 700;
    private static final int HEIGHT_PX = 320;
    private static final int MARGIN_PX = 50;

    private HistogramPlot() {
    }

    /** Counts {@code values} into {@code bins} equal bins from their minimum to their maximum. */
    public static long[] counts(double[] values, int bins, double lo, double hi) {
        long[] c = new long[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            int b = width <= 0 ? 0 : (int) Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
            c[b]++;
        }
        return c;
    }

    public static void write(Path file, String title, String unit, double[] values, int bins) throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1e-3;
        }
        long[] c = counts(values, bins, lo, hi);
        long top = 1;
        for (long k : c) {
            top = Math.max(top, k);
        }
        BufferedImage img = new BufferedImage(WIDTH_PX, HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH_PX, HEIGHT_PX);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title + " (" + values.length + " samples)", MARGIN_PX, 20);
        int w = WIDTH_PX - 2 * MARGIN_PX;
        int h = HEIGHT_PX - 2 * MARGIN_PX;
        g.setColor(new Color(30, 90, 200));
        for (int b = 0; b < bins; b++) {
            int bh = (int) Math.round((double) c[b] / top * h);
            g.fillRect(MARGIN_PX + b * w / bins, MARGIN_PX + h - bh, Math.max(1, w / bins - 1), bh);
        }
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN_PX, MARGIN_PX, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format("%.3f %s", lo, unit), MARGIN_PX, MARGIN_PX + h + 15);
        g.drawString(String.format("%.3f %s", hi, unit), MARGIN_PX + w - 70, MARGIN_PX + h + 15);
        g.drawString(Long.toString(top), 5, MARGIN_PX + 10);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
