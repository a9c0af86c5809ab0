package org.hilbridge.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.ProceduralTerrain;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.junit.jupiter.api.Test;

class CollisionDetectorTest {
    private static Footprint box(double x, double y, double yaw, double halfL, double halfW) {
        Footprint f = new Footprint();
        f.centerXM = x;
        f.centerYM = y;
        f.yawRad = yaw;
        f.halfLengthM = halfL;
        f.halfWidthM = halfW;
        return f;
    }

    @Test
    void separatingAxesDecideBoxOverlap() {
        BoxObstacle o = new BoxObstacle("crate", 0, 0, 0, 1, 1, 1);
        CollisionDetector d = new CollisionDetector(List.of(o));
        assertEquals(o, d.firstHit(box(2.9, 0, 0, 2, 1)), "overlapping along x");
        assertNull(d.firstHit(box(3.1, 0, 0, 2, 1)), "0.1 m apart along x");
        // Rotated 45 degrees, a 1 m half-size square reaches sqrt(2) m along the diagonal.
        assertNull(d.firstHit(box(2.45, 0, Math.PI / 4, 1, 1)));
        assertEquals(o, d.firstHit(box(2.38, 0, Math.PI / 4, 1, 1)));
    }

    @Test
    void cylinderAgainstTheNearestPointOfTheFootprint() {
        CylinderObstacle post = new CylinderObstacle("post", 3, 2, 0.5, 2);
        CollisionDetector d = new CollisionDetector(List.of(post));
        assertNull(d.firstHit(box(0, 0, 0, 2, 1)), "corner (2, 1) is sqrt(2) m from the post's centre");
        assertEquals(post, d.firstHit(box(0.7, 0.7, 0, 2, 1)));
    }

    @Test
    void aVehicleDrivingIntoAPostIsReported() {
        MaterialCatalog cat = MaterialCatalog.standard();
        CylinderObstacle post = new CylinderObstacle("post", 20, 0, 0.3, 2);
        World world = new World(ProceduralTerrain.plane(200, 10, cat.get("dry_asphalt"))).withObstacles(List.of(post));
        Vehicle v = new Vehicle(VehicleParams.offRoadUtility(), world);
        v.place(0, 0, 0, 5);
        CollisionDetector d = new CollisionDetector(world.obstacles());
        ActuatorDemand coast = new ActuatorDemand();
        Footprint f = new Footprint();
        double hitAtX = Double.NaN;
        for (int k = 0; k < 6000 && Double.isNaN(hitAtX); k++) {
            v.step(coast, 0.001);
            if (d.firstHit(v.footprint(f)) != null) {
                hitAtX = v.xM();
            }
        }
        // Front of the body box: centre between the axles plus half the body length.
        VehicleParams p = v.params();
        double frontOverhang = (p.chassis().cgToFrontAxleM() - p.chassis().cgToRearAxleM()) / 2 + p.chassis().bodyLengthM() / 2;
        assertEquals(20 - 0.3 - frontOverhang, hitAtX, 0.01);
    }
}
