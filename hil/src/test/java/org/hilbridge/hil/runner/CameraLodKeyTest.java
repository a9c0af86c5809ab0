package org.hilbridge.hil.runner;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.sim.sensor.camera.CameraRenderer;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The camera's terrain level of detail is a scenario key, {@code sensors(i).lod_tolerance_px} (launch/scenarios/README.md):
 * absent it is the renderer's default, set it reaches the renderer, and a negative or non-numeric value is
 * refused naming the key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CameraLodKeyTest {
    /** offroad_course.yaml's camera is sensors(4); a small image keeps the renderer's setup cheap. */
    private static Scenario scenario(String... overrides) throws Exception {
        List<String> sets = new java.util.ArrayList<>(List.of("sensors(4).width_px=80", "sensors(4).height_px=60"));
        sets.addAll(List.of(overrides));
        return new ScenarioLoader(Map.of()).load(Path.of("../launch/scenarios/offroad_course.yaml"), sets);
    }

    private static CameraSensor camera(Scenario s) {
        return (CameraSensor) SensorFactory.create(s, Runnable::run, 1).stream().filter(x -> x instanceof CameraSensor).findFirst().orElseThrow();
    }

    @Test
    void theToleranceReachesTheRendererAndDefaultsToTheRenderers() throws Exception {
        assertEquals(CameraRenderer.DEFAULT_LOD_TOLERANCE_PX, camera(scenario()).renderer().lodTolerancePx());
        assertEquals(0.0, camera(scenario("sensors(4).lod_tolerance_px=0")).renderer().lodTolerancePx());
        assertEquals(2.5, camera(scenario("sensors(4).lod_tolerance_px=2.5")).renderer().lodTolerancePx());
    }

    @Test
    void aBadToleranceIsRefusedNamingTheKey() {
        assertConfigError(() -> scenario("sensors(4).lod_tolerance_px=-1"), "sensors(4).lod_tolerance_px", "'-1'");
        assertConfigError(() -> scenario("sensors(4).lod_tolerance_px=fine"), "sensors(4).lod_tolerance_px", "'fine'");
    }
}
