package org.hilbridge.hil.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.CylinderObstacle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerrainPlotTest {
    @TempDir
    Path dir;

    @Test
    void drawsTheTrajectoryNorthUpOverTheMaterialColours() throws Exception {
        Path png = dir.resolve("plots/run.png");
        TerrainPlot plot = new TerrainPlot(ProceduralTerrain.plane(200, 10, MaterialCatalog.standard().get("grass")), 200);
        // A west-to-east line along y = +50 m (north of centre): image row 50 of 200.
        double[] xy = {-80, 50, 0, 50, 80, 50};
        plot.write(png, List.of(new CylinderObstacle("post", 0, -50, 2, 3)), xy, 3, "test");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(200, img.getWidth());
        Color onPath = new Color(img.getRGB(130, 50));
        assertTrue(onPath.getRed() > 150 && onPath.getGreen() < 120, "red trajectory at row 50: " + onPath);
        Color grass = new Color(img.getRGB(130, 120));
        assertTrue(grass.getGreen() > grass.getRed() && grass.getGreen() > grass.getBlue(), "grass is green: " + grass);
        Color post = new Color(img.getRGB(100, 150));
        assertTrue(post.getGreen() < 60, "the post south of centre is drawn dark: " + post);
    }
}
