package org.hilbridge.tests.bench;

import java.util.List;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * The default scenario's vehicle at the start of its route with a forward camera (1 m ahead of and 1 m above the
 * CG, 90 degrees of horizontal field of view, rendered on the calling thread): the frames the camera benchmarks
 * augment and put on the wires.
 */
record StartOfRoute(Scenario scenario, Vehicle vehicle, CameraSensor camera) {
    static StartOfRoute withCamera(int widthPx, int heightPx, double rateHz) throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        double[] route = scenario.routeXyM();
        vehicle.place(route[0], route[1], 0, 0);
        CameraSensor camera = new CameraSensor("front", "front_optical", rateHz, new SensorMount(1.0, 0, 1.0, 0, 0, 0),
                CameraParams.fromFieldOfView(widthPx, heightPx, 90), ScenarioScene.build(scenario), Runnable::run, 1);
        return new StartOfRoute(scenario, vehicle, camera);
    }
}
