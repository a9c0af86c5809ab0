package org.hilbridge.hil.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;

/**
 * A top-down PNG of a terrain (materials coloured, relief hill-shaded with a light from the north-west),
 * its obstacles, and a trajectory drawn over it, north up. Headless (Java2D), no display needed.
 */
public final class TerrainPlot {
    private static final Map<String, Color> MATERIAL_COLOURS = Map.of(
            "dry_asphalt", new Color(70, 70, 74), "wet_asphalt", new Color(45, 48, 58), "gravel", new Color(150, 145, 135),
            "grass", new Color(96, 140, 62), "snow", new Color(235, 238, 245), "dry_sand", new Color(214, 190, 128),
            "clay", new Color(170, 100, 70), "mud", new Color(100, 75, 50));
    private static final Color UNKNOWN_MATERIAL = new Color(200, 0, 200);

    private final HeightField terrain;
    private final int sizePx;

    public TerrainPlot(HeightField terrain, int sizePx) {
        if (sizePx < 64 || sizePx > 8192) {
            throw new IllegalArgumentException("plot size " + sizePx + " px is not allowed: it must be in [64, 8192]");
        }
        this.terrain = terrain;
        this.sizePx = sizePx;
    }

    /** Writes the plot; {@code xy} holds the trajectory as x0, y0, x1, y1, ... in metres. */
    public void write(Path file, List<Obstacle> obstacles, double[] xy, int points, String title) throws IOException {
        double span = Math.max(terrain.widthM(), terrain.depthM());
        double scale = sizePx / span;
        double x0 = terrain.originXM();
        double y0 = terrain.originYM();
        BufferedImage img = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_INT_RGB);
        Vec3 n = new Vec3();
        // Light from the north-west, 45 degrees up.
        double lx = -0.5;
        double ly = 0.5;
        double lz = Math.sqrt(0.5);
        for (int py = 0; py < sizePx; py++) {
            double y = y0 + (sizePx - 0.5 - py) / scale;
            for (int px = 0; px < sizePx; px++) {
                double x = x0 + (px + 0.5) / scale;
                Color c = MATERIAL_COLOURS.getOrDefault(terrain.material(x, y).name(), UNKNOWN_MATERIAL);
                terrain.normal(x, y, n);
                double shade = Math.max(0.35, Math.min(1.25, 0.35 + 1.2 * (n.x * lx + n.y * ly + n.z * lz) - 0.5));
                img.setRGB(px, py, new Color(clip(c.getRed() * shade), clip(c.getGreen() * shade), clip(c.getBlue() * shade)).getRGB());
            }
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(20, 40, 20));
        for (Obstacle o : obstacles) {
            if (o instanceof CylinderObstacle c) {
                double r = Math.max(2, c.radiusM() * scale);
                g.fillOval((int) Math.round(px(c.centerXM(), x0, scale) - r), (int) Math.round(py(c.centerYM(), y0, scale) - r), (int) (2 * r), (int) (2 * r));
            } else if (o instanceof BoxObstacle b) {
                int w = (int) Math.max(3, 2 * b.halfLengthM() * scale);
                g.fillRect((int) px(b.centerXM(), x0, scale) - w / 2, (int) py(b.centerYM(), y0, scale) - w / 2, w, w);
            }
        }
        if (points > 1) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(px(xy[0], x0, scale), py(xy[1], y0, scale));
            for (int k = 1; k < points; k++) {
                path.lineTo(px(xy[2 * k], x0, scale), py(xy[2 * k + 1], y0, scale));
            }
            g.setStroke(new BasicStroke(3f));
            g.setColor(Color.WHITE);
            g.draw(path);
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(new Color(220, 30, 30));
            g.draw(path);
            g.setColor(Color.YELLOW);
            g.fillOval((int) px(xy[0], x0, scale) - 5, (int) py(xy[1], y0, scale) - 5, 10, 10);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, sizePx / 50)));
        g.drawString(title, 10, 10 + g.getFont().getSize());
        int bar = (int) Math.round(100 * scale);
        g.fillRect(10, sizePx - 20, bar, 5);
        g.drawString("100 m", 14 + bar, sizePx - 14);
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer available");
        }
    }

    private static double px(double x, double x0, double scale) {
        return (x - x0) * scale;
    }

    private double py(double y, double y0, double scale) {
        return sizePx - (y - y0) * scale;
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
