package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.world.BoxObstacle;
import org.hilbridge.sim.world.CylinderObstacle;
import org.hilbridge.sim.world.Obstacle;

/** The obstacle list: boxes and cylinders, names unique, each standing wholly on the terrain. */
final class ObstacleSection {
    private static final Map<String, List<String>> KEYS = Map.of(
            "box", List.of("type", "name", "x_m", "y_m", "yaw_deg", "length_m", "width_m", "height_m"),
            "cylinder", List.of("type", "name", "x_m", "y_m", "radius_m", "height_m"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "box", List.of("x_m", "y_m", "length_m", "width_m", "height_m"),
            "cylinder", List.of("x_m", "y_m", "radius_m", "height_m"));

    private ObstacleSection() {
    }

    static List<Obstacle> read(ConfigTree c, TerrainExtent extent) {
        List<Obstacle> obstacles = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < c.size("obstacles"); i++) {
            String p = "obstacles(" + i + ")";
            String type = c.text(p + ".type");
            for (String key : c.keysUnder(p)) {
                if (!KEYS.get(type).contains(key.substring(p.length() + 1))) {
                    throw c.notAllowed(key, "an obstacle of type " + type + " does not take it (its keys: " + String.join(", ", KEYS.get(type)) + ")");
                }
            }
            for (String required : REQUIRED.get(type)) {
                if (!c.has(p + "." + required)) {
                    throw c.missing(p + "." + required, "an obstacle of type " + type + " needs it");
                }
            }
            String name = c.text(p + ".name", type + "_" + i);
            Integer earlier = names.put(name, i);
            if (earlier != null) {
                if (c.has(p + ".name")) {
                    throw c.notAllowed(p + ".name", "obstacle names must be unique, and obstacles(" + earlier + ") is called '" + name + "' too");
                }
                // This one has the default name, which an earlier obstacle took explicitly.
                throw c.notAllowed("obstacles(" + earlier + ").name", "obstacle names must be unique, and it is the default name of obstacles(" + i + ")");
            }
            double x = c.number(p + ".x_m");
            double y = c.number(p + ".y_m");
            Obstacle o;
            double reachXM;
            double reachYM;
            if (type.equals("box")) {
                double yaw = StrictMath.toRadians(c.number(p + ".yaw_deg", 0));
                double halfL = c.number(p + ".length_m") / 2;
                double halfW = c.number(p + ".width_m") / 2;
                o = new BoxObstacle(name, x, y, yaw, halfL, halfW, c.number(p + ".height_m"));
                // Half extents of the rotated footprint's bounding box.
                reachXM = StrictMath.abs(halfL * StrictTrig.cos(yaw)) + StrictMath.abs(halfW * StrictTrig.sin(yaw));
                reachYM = StrictMath.abs(halfL * StrictTrig.sin(yaw)) + StrictMath.abs(halfW * StrictTrig.cos(yaw));
            } else {
                double r = c.number(p + ".radius_m");
                o = new CylinderObstacle(name, x, y, r, c.number(p + ".height_m"));
                reachXM = r;
                reachYM = r;
            }
            if (!extent.containsX(x - reachXM) || !extent.containsX(x + reachXM)) {
                throw c.notAllowed(p + ".x_m", offTerrain(name, extent));
            }
            if (!extent.containsY(y - reachYM) || !extent.containsY(y + reachYM)) {
                throw c.notAllowed(p + ".y_m", offTerrain(name, extent));
            }
            obstacles.add(o);
        }
        return obstacles;
    }

    private static String offTerrain(String name, TerrainExtent extent) {
        return "obstacle '" + name + "' must stand wholly on the terrain, which spans " + extent;
    }
}
