package org.hilbridge.hil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.junit.jupiter.api.Test;

class DemoRunTest {
    @Test
    void theDemoDrivesItsRouteAndReportsProgress() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DemoSummary s = new DemoRun(DemoScenario.create(1), VehicleParams.offRoadUtility(), 30,
                new PrintStream(text, true, StandardCharsets.UTF_8)).run();
        assertEquals(30, s.simSeconds(), 1e-9);
        assertFalse(s.overturned());
        assertTrue(s.collisions().isEmpty(), "the route is kept clear of trees: " + s.collisions());
        assertEquals(DemoRun.ROUTE_SPEED_MPS, s.meanSpeedMps(), 1.0, "holds about the route speed");
        String progress = text.toString(StandardCharsets.UTF_8);
        assertEquals(3, progress.lines().count(), progress);
        assertEquals(30 * 1000.0 / 1000, s.secondsOnMaterial().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
    }
}
