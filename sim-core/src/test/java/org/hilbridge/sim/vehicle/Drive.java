package org.hilbridge.sim.vehicle;

import java.util.function.Predicate;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.world.World;

/** Test harness: a vehicle on a test ground, stepped at 1 kHz under a fixed demand. */
final class Drive {
    static final double DT_S = 0.001;
    static final MaterialCatalog MATERIALS = MaterialCatalog.standard();

    final Vehicle vehicle;
    final ActuatorDemand demand = new ActuatorDemand();
    double timeS;

    Drive(VehicleParams params, HeightField ground) {
        this.vehicle = new Vehicle(params, new World(ground));
    }

    /** A flat square of one material, 2 km across (large cells: a plane is exact under bilinear interpolation). */
    static HeightField flat(String material) {
        return ProceduralTerrain.plane(2000, 50, MATERIALS.get(material));
    }

    Drive steps(int n) {
        for (int k = 0; k < n; k++) {
            vehicle.step(demand, DT_S);
            timeS += DT_S;
        }
        return this;
    }

    Drive seconds(double s) {
        return steps((int) Math.round(s / DT_S));
    }

    /** Steps until {@code done} holds or {@code maxSeconds} pass; returns whether it held. */
    boolean until(Predicate<Vehicle> done, double maxSeconds) {
        int max = (int) Math.round(maxSeconds / DT_S);
        for (int k = 0; k < max; k++) {
            vehicle.step(demand, DT_S);
            timeS += DT_S;
            if (done.test(vehicle)) {
                return true;
            }
        }
        return false;
    }

    double horizontalDistanceFrom(double x0, double y0) {
        return Math.hypot(vehicle.xM() - x0, vehicle.yM() - y0);
    }
}
