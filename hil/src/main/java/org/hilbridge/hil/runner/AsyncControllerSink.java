package org.hilbridge.hil.runner;

import org.hilbridge.bridge.link.SampleSink;

import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * Runs a {@link Controller} on its own thread behind a bounded queue, exactly as a transport would deliver
 * samples to a remote stack, and submits its commands to the arbiter.
 */
final class AsyncControllerSink implements SampleSink {
    private final Controller controller;
    private final CommandArbiter arbiter;

    AsyncControllerSink(Controller controller, CommandArbiter arbiter) {
        this.controller = controller;
        this.arbiter = arbiter;
    }

    @Override
    public String name() {
        return controller.name();
    }

    /** Shows {@code sample} to the controller if it wants it, and submits its answer naming the sample. */
    @Override
    public void accept(SensorSample sample) throws Exception {
        if (!controller.wants(sample)) {
            return;
        }
        VehicleCommand c = controller.onSample(sample);
        if (c != null) {
            arbiter.submit(controller.name(), c, SampleRef.of(sample));
        }
    }
}
