package org.hilbridge.sim.vehicle;

/** Which axles the motor drives (through open differentials: equal torque to each driven wheel). */
public enum DriveLayout {
    FRONT, REAR, ALL;

    public boolean drives(boolean frontAxle) {
        return this == ALL || (this == FRONT) == frontAxle;
    }

    public int drivenWheels() {
        return this == ALL ? 4 : 2;
    }
}
