package org.hilbridge.sim.sensor;

import static org.hilbridge.sim.param.ParamChecks.requireFinite;

/**
 * Where a sensor sits on the vehicle: position and orientation of its frame relative to base_link (REP-103:
 * x forward, y left, z up; angles as fixed-axis roll about x, pitch about y, yaw about z, applied in that order).
 */
public record SensorMount(double xM, double yM, double zM, double rollRad, double pitchRad, double yawRad) {
    public SensorMount {
        requireFinite("mount.x_m", xM);
        requireFinite("mount.y_m", yM);
        requireFinite("mount.z_m", zM);
        requireFinite("mount.roll_rad", rollRad);
        requireFinite("mount.pitch_rad", pitchRad);
        requireFinite("mount.yaw_rad", yawRad);
    }

    public static SensorMount atBaseLink() {
        return new SensorMount(0, 0, 0, 0, 0, 0);
    }
}
