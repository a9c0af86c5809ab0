package org.hilbridge.hil.regress;

import org.hilbridge.hil.runner.Controller;
import org.hilbridge.sim.command.AckermannCommand;
import org.hilbridge.sim.command.VehicleCommand;
import org.hilbridge.sim.sensor.SensorSample;

/**
 * A deliberately broken system under test: a controller whose steering sign is flipped (a swapped wire,
 * a frame convention mixed up: REP-103's left-positive read as right-positive). Suites use it to show that
 * the criteria catch a stack that drives away from its route.
 */
final class InvertedSteering implements Controller {
    private final Controller inner;

    InvertedSteering(Controller inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name() + "+inverted_steering";
    }

    @Override
    public boolean wants(SensorSample sample) {
        return inner.wants(sample);
    }

    @Override
    public VehicleCommand onSample(SensorSample sample) throws Exception {
        VehicleCommand c = inner.onSample(sample);
        if (c instanceof AckermannCommand a) {
            return new AckermannCommand(a.speedMps(), -a.steeringAngleRad());
        }
        if (c != null) {
            throw new IllegalStateException("inverted steering wraps Ackermann commands only, got " + c);
        }
        return null;
    }
}
