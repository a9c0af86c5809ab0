package org.hilbridge.hil.scenario;

import org.hilbridge.hil.config.NumberText;
import org.hilbridge.sim.terrain.HeightField;

/** The ground's horizontal extent, m (world frame): beyond it a height field only repeats its edge. */
record TerrainExtent(double minXM, double maxXM, double minYM, double maxYM) {
    static TerrainExtent of(HeightField ground) {
        return new TerrainExtent(ground.originXM(), ground.originXM() + ground.widthM(), ground.originYM(), ground.originYM() + ground.depthM());
    }

    boolean containsX(double xM) {
        return xM >= minXM && xM <= maxXM;
    }

    boolean containsY(double yM) {
        return yM >= minYM && yM <= maxYM;
    }

    @Override
    public String toString() {
        return "x [" + NumberText.of(minXM) + ", " + NumberText.of(maxXM) + "] m, y [" + NumberText.of(minYM) + ", " + NumberText.of(maxYM) + "] m";
    }
}
