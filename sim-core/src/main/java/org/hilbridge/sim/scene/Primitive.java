package org.hilbridge.sim.scene;

import org.hilbridge.sim.math.StrictTrig;

/**
 * A solid in the scene besides the terrain, in world coordinates (ENU, metres), standing on or above the
 * ground. Obstacles become boxes and cylinders; scattered scenery becomes cylinders (trunks), spheres
 * (crowns, bushes), and ellipsoid-like squashed spheres (rocks, see {@link Sphere#verticalScale()}).
 */
public sealed interface Primitive permits Primitive.Box, Primitive.Cylinder, Primitive.Sphere {
    SemanticClass semanticClass();

    Appearance appearance();

    /** Axis-aligned bounds in the horizontal plane and height: minX, minY, minZ, maxX, maxY, maxZ. */
    double[] bounds();

    /** An upright box: centre (x, y) at its base height baseZ, yaw about z, half extents, height. */
    record Box(double centerXM, double centerYM, double baseZM, double yawRad, double halfLengthM, double halfWidthM, double heightM,
               SemanticClass semanticClass, Appearance appearance) implements Primitive {
        @Override
        public double[] bounds() {
            double c = Math.abs(StrictTrig.cos(yawRad));
            double s = Math.abs(StrictTrig.sin(yawRad));
            double ex = c * halfLengthM + s * halfWidthM;
            double ey = s * halfLengthM + c * halfWidthM;
            return new double[] {centerXM - ex, centerYM - ey, baseZM, centerXM + ex, centerYM + ey, baseZM + heightM};
        }
    }

    /** An upright cylinder: axis through (x, y) from baseZ up by height. */
    record Cylinder(double centerXM, double centerYM, double baseZM, double radiusM, double heightM,
                    SemanticClass semanticClass, Appearance appearance) implements Primitive {
        @Override
        public double[] bounds() {
            return new double[] {centerXM - radiusM, centerYM - radiusM, baseZM, centerXM + radiusM, centerYM + radiusM, baseZM + heightM};
        }
    }

    /**
     * A sphere of radius r centred at (x, y, z), squashed vertically by {@code verticalScale} (1 = round,
     * 0.6 = a flattened rock): the points p with (dx^2 + dy^2 + (dz / verticalScale)^2) <= r^2.
     */
    record Sphere(double centerXM, double centerYM, double centerZM, double radiusM, double verticalScale,
                  SemanticClass semanticClass, Appearance appearance) implements Primitive {
        @Override
        public double[] bounds() {
            double rz = radiusM * verticalScale;
            return new double[] {centerXM - radiusM, centerYM - radiusM, centerZM - rz, centerXM + radiusM, centerYM + radiusM, centerZM + rz};
        }
    }
}
