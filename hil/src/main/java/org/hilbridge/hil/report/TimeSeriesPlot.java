package org.hilbridge.hil.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Stacked line charts sharing one time axis (e.g. speed and steering over a run) as a PNG. Headless Java2D.
 */
public final class TimeSeriesPlot {
    /** One panel: a label with its unit, and y values at the given times. */
    public record Series(String label, double[] timesS, double[] values) {
    }

    private static final int WIDTH_PX = 900;
    private static final int PANEL_PX = 220;
    private static final int MARGIN_PX = 60;

    private TimeSeriesPlot() {
    }

    public static void write(Path file, String title, List<Series> panels) throws IOException {
        int height = 40 + panels.size() * (PANEL_PX + 30);
        BufferedImage img = new BufferedImage(WIDTH_PX, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH_PX, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN_PX, 22);
        double tMax = 0;
        for (Series s : panels) {
            for (double t : s.timesS()) {
                tMax = Math.max(tMax, t);
            }
        }
        tMax = Math.max(tMax, 1e-9);
        for (int i = 0; i < panels.size(); i++) {
            panel(g, panels.get(i), 40 + i * (PANEL_PX + 30), tMax);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Series s, int top, double tMax) {
        int left = MARGIN_PX;
        int w = WIDTH_PX - MARGIN_PX - 20;
        double lo = 0;
        double hi = 0;
        for (double v : s.values()) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo);
        lo -= pad;
        hi += pad;
        g.setColor(new Color(245, 245, 245));
        g.fillRect(left, top, w, PANEL_PX);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, w, PANEL_PX);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format("%.2f", hi), 4, top + 10);
        g.drawString(String.format("%.2f", lo), 4, top + PANEL_PX);
        g.drawString(String.format("%.0f s", tMax), left + w - 30, top + PANEL_PX + 14);
        g.drawString("0 s", left, top + PANEL_PX + 14);
        if (lo < 0 && hi > 0) {
            int y0 = top + (int) ((hi - 0) / (hi - lo) * PANEL_PX);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left, y0, left + w, y0);
        }
        g.setColor(Color.BLACK);
        g.drawString(s.label(), left + 6, top + 14);
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < s.values().length; i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            double x = left + s.timesS()[i] / tMax * w;
            double y = top + (hi - v) / (hi - lo) * PANEL_PX;
            if (started) {
                line.lineTo(x, y);
            } else {
                line.moveTo(x, y);
                started = true;
            }
        }
        g.setColor(new Color(30, 90, 200));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }
}
