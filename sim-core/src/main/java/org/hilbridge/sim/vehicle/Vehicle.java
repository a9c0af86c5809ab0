package org.hilbridge.sim.vehicle;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.terrain.DeformableSoil;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.RigidSurface;
import org.hilbridge.sim.terrain.Terrain;
import org.hilbridge.sim.vehicle.tire.MagicFormulaTire;
import org.hilbridge.sim.vehicle.tire.SoftSoilTire;
import org.hilbridge.sim.vehicle.tire.TireForces;
import org.hilbridge.sim.vehicle.tire.TireParams;
import org.hilbridge.sim.world.Footprint;
import org.hilbridge.sim.world.World;

/**
 * A four-wheeled vehicle: a 6-DOF rigid body (position and velocity of the CG in the ENU world frame,
 * orientation body-to-world, angular velocity in the body frame, REP-103 axes) on four spring-damper
 * corners that follow the terrain, with Ackermann steering, a traction motor, brakes with optional ABS and
 * one tire per corner whose model is chosen by the material under it (Magic Formula on rigid surfaces,
 * Bekker-Wong / Janosi-Hanamoto on soft soil).
 *
 * <p>Contact: each corner's wheel is vertically below its attachment point; the ground force (normal force
 * from the suspension along the ground normal, plus the tire's longitudinal and lateral forces in the
 * ground plane) acts at the contact point, so weight transfer follows from the CG height.
 *
 * <p>Integration: semi-implicit (symplectic) Euler at the physics step; tread deflections are updated
 * implicitly, and the brake and rolling-resistance moments act as Coulomb friction on the wheel's spin (they
 * can stop a wheel, never reverse it). No allocation per step. Wheels are indexed front-left, front-right,
 * rear-left, rear-right.
 */
public final class Vehicle {
    public static final int FRONT_LEFT = 0;
    public static final int FRONT_RIGHT = 1;
    public static final int REAR_LEFT = 2;
    public static final int REAR_RIGHT = 3;

    /** Slip ratios are formed with at least this forward speed in the denominator. */
    private static final double SLIP_SPEED_FLOOR_MPS = 0.1;
    /** Below this speed the tread's low-speed damping fades in (Pacejka §7.2 notes the undamped oscillation). */
    private static final double LOW_SPEED_DAMPING_FADE_MPS = 2.0;
    /** Relaxed lateral slip is limited to about 88 degrees. */
    private static final double MAX_LATERAL_DEFLECTION_RATIO = 30;
    /** Relaxed slip ratio is limited to +-20 (a soil's slip i = kappa / (1 + kappa) reaches 0.95). */
    private static final double MAX_LONG_DEFLECTION_RATIO = 20;
    /** Compaction resistance fades in over this speed, so a wheel at rest is not pushed either way. */
    private static final double COMPACTION_FADE_SPEED_MPS = 0.1;

    private final VehicleParams params;
    private final World world;
    private final Terrain terrain;
    private final double gravityMps2;
    private final Wheel[] wheels = new Wheel[4];
    private final Suspension suspension;
    private final Steering steering;
    private final Motor motor;
    private final AntiLockBrakes abs = new AntiLockBrakes();
    /** The standard catalog's grass and mud (MaterialCatalog.standard), for {@link #primeTireModels}. */
    private static final RigidSurface PRIMING_RIGID = new RigidSurface(0.55, 5, 2.0, 1.0, 1.3, -0.5, 0.05);
    private static final DeformableSoil PRIMING_SOIL = new DeformableSoil(0.11, 1.84e3, 103.27e3, 20.69e3, StrictMath.toRadians(6.0), 0.025);
    private final MagicFormulaTire rigidTire;
    private final SoftSoilTire softTire;

    // Rigid-body state.
    private final Vec3 positionM = new Vec3();
    private final Vec3 velocityMps = new Vec3();
    private final Rotation orientation = new Rotation();
    private final Vec3 angularVelocityBodyRadPerS = new Vec3();

    // Scratch, reused every step.
    private final TireForces tireForces = new TireForces();
    private final Vec3 force = new Vec3();
    private final Vec3 torque = new Vec3();
    private final Vec3 omegaWorld = new Vec3();
    private final Vec3 attach = new Vec3();
    private final Vec3 lever = new Vec3();
    private final Vec3 pointVelocity = new Vec3();
    private final Vec3 normal = new Vec3();
    private final Vec3 heading = new Vec3();
    private final Vec3 tangentX = new Vec3();
    private final Vec3 tangentY = new Vec3();
    private final Vec3 contactForce = new Vec3();
    private final Vec3 tmp = new Vec3();

    private double lastAccelerationXMps2;
    private final Vec3 lastAccelerationWorldMps2 = new Vec3();
    private final Vec3 lastAngularAccelerationBodyRadPerS2 = new Vec3();

    public Vehicle(VehicleParams params, World world) {
        this.params = params;
        this.world = world;
        this.terrain = world.terrain();
        this.gravityMps2 = world.gravityMps2();
        ChassisParams c = params.chassis();
        double weightN = c.massKg() * gravityMps2;
        double frontAxleLoadN = weightN * c.cgToRearAxleM() / c.wheelbaseM();
        double rearAxleLoadN = weightN - frontAxleLoadN;
        double zM = params.tire().radiusM() - c.cgHeightM();
        double halfTrack = c.trackWidthM() / 2;
        wheels[FRONT_LEFT] = new Wheel(true, true, c.cgToFrontAxleM(), halfTrack, zM, frontAxleLoadN / 2);
        wheels[FRONT_RIGHT] = new Wheel(true, false, c.cgToFrontAxleM(), -halfTrack, zM, frontAxleLoadN / 2);
        wheels[REAR_LEFT] = new Wheel(false, true, -c.cgToRearAxleM(), halfTrack, zM, rearAxleLoadN / 2);
        wheels[REAR_RIGHT] = new Wheel(false, false, -c.cgToRearAxleM(), -halfTrack, zM, rearAxleLoadN / 2);
        this.suspension = new Suspension(params.suspension());
        this.steering = new Steering(params.steering(), c);
        this.motor = new Motor(params.drivetrain());
        this.rigidTire = new MagicFormulaTire(params.tire());
        this.softTire = new SoftSoilTire(params.tire());
        primeTireModels(weightN / 4);
        place(0, 0, 0, 0);
    }

    /**
     * Runs each tire model once, here rather than in the first step that meets its kind of surface: the first
     * call loads and initializes what the model uses (the soft-soil model's StrictPow, the JDK's pure-Java
     * fdlibm exp and log behind StrictMath) and resolves its constants, which allocates on the calling thread
     * and takes milliseconds. A realtime run met that on the simulation thread the first time a wheel rolled
     * onto clay, mud or sand (issue 7: ~9 kB at once, found with JFR allocation events). The surfaces are the
     * standard catalog's grass and mud ({@link org.hilbridge.sim.terrain.MaterialCatalog#standard()}); every
     * step overwrites the scratch forces.
     */
    private void primeTireModels(double wheelLoadN) {
        rigidTire.forces(PRIMING_RIGID, wheelLoadN, 0.05, 0.02, tireForces);
        softTire.forces(PRIMING_SOIL, wheelLoadN, 0.05, 0.02, tireForces);
    }

    /**
     * Puts the vehicle at rest-height on the ground at (x, y) with heading {@code yawRad}, pitched and rolled
     * to the ground under its wheels, rolling forward at {@code speedMps} with the wheels spinning to match.
     */
    public void place(double xM, double yM, double yawRad, double speedMps) {
        ChassisParams c = params.chassis();
        double cos = StrictTrig.cos(yawRad);
        double sin = StrictTrig.sin(yawRad);
        double a = c.cgToFrontAxleM();
        double b = c.cgToRearAxleM();
        double halfTrack = c.trackWidthM() / 2;
        double front = terrain.heightM(xM + a * cos, yM + a * sin);
        double rear = terrain.heightM(xM - b * cos, yM - b * sin);
        double left = terrain.heightM(xM - halfTrack * sin, yM + halfTrack * cos);
        double right = terrain.heightM(xM + halfTrack * sin, yM - halfTrack * cos);
        double pitchRad = -StrictMath.atan2(front - rear, c.wheelbaseM());
        double rollRad = StrictMath.atan2(right - left, c.trackWidthM());
        orientation.setYawPitchRoll(yawRad, pitchRad, rollRad);
        double groundAtCg = terrain.heightM(xM, yM);
        positionM.set(xM, yM, groundAtCg + c.cgHeightM() / StrictTrig.cos(pitchRad) / StrictTrig.cos(rollRad));
        tmp.set(speedMps, 0, 0);
        orientation.toWorld(tmp, velocityMps);
        angularVelocityBodyRadPerS.set(0, 0, 0);
        steering.reset(0);
        for (Wheel w : wheels) {
            w.spinRadPerS = speedMps / params.tire().radiusM();
            w.longDeflectionM = 0;
            w.latDeflectionM = 0;
            w.sinkageM = 0;
        }
    }

    /** Advances the vehicle by {@code dtS} seconds under {@code demand}. */
    public void step(ActuatorDemand demand, double dtS) {
        if (!(dtS > 0) || !Double.isFinite(dtS)) {
            throw new IllegalArgumentException("physics step " + dtS + " s is not allowed: it must be a finite number > 0");
        }
        ChassisParams c = params.chassis();
        TireParams tire = params.tire();
        DrivetrainParams drive = params.drivetrain();
        double radius = tire.radiusM();
        double massKg = c.massKg();

        steering.update(demand.steeringAngleRad(), dtS);
        orientation.toWorld(angularVelocityBodyRadPerS, omegaWorld);

        force.set(0, 0, -massKg * gravityMps2);
        torque.set(0, 0, 0);
        addAerodynamicDrag();

        double meanDrivenSpin = 0;
        for (Wheel w : wheels) {
            if (drive.layout().drives(w.front)) {
                meanDrivenSpin += w.spinRadPerS;
            }
        }
        meanDrivenSpin /= drive.layout().drivenWheels();
        double driveTorqueNm = motor.wheelTorqueNm(demand.throttle(), meanDrivenSpin);

        for (int i = 0; i < 4; i++) {
            Wheel w = wheels[i];
            // Attachment point in the world and its velocity.
            tmp.set(w.bodyXM, w.bodyYM, w.bodyZM);
            orientation.toWorld(tmp, lever);
            attach.set(positionM).add(lever);
            pointVelocity.cross(omegaWorld, lever).add(velocityMps);

            double groundM = terrain.heightM(attach.x, attach.y);
            terrain.normal(attach.x, attach.y, normal);
            Material material = terrain.material(attach.x, attach.y);
            w.material = material;
            double contactZ = groundM - w.sinkageM;

            // Suspension: vertical gap between attachment and wheel centre on the ground, against static.
            double extensionM = attach.z - (contactZ + radius);
            double groundRiseRate = -(normal.x * pointVelocity.x + normal.y * pointVelocity.y) / normal.z;
            double compressionM = -extensionM;
            double compressionRate = -(pointVelocity.z - groundRiseRate);
            double fzN = suspension.forceN(w.staticLoadN, compressionM, compressionRate);
            w.compressionM = compressionM;
            w.normalForceN = fzN;

            // Contact point, and its velocity in the tire's ground-plane frame.
            lever.z += contactZ - attach.z;
            pointVelocity.cross(omegaWorld, lever).add(velocityMps);
            w.steerAngleRad = w.front ? steering.frontWheelAngleRad(w.left) : 0;
            tmp.set(StrictTrig.cos(w.steerAngleRad), StrictTrig.sin(w.steerAngleRad), 0);
            orientation.toWorld(tmp, heading);
            tangentX.set(heading).addScaled(normal, -heading.dot(normal)).normalize();
            tangentY.cross(normal, tangentX);
            double vx = pointVelocity.dot(tangentX);
            double vy = pointVelocity.dot(tangentY);
            w.contactSpeedMps = vx;
            w.slipRatio = (w.spinRadPerS * radius - vx) / StrictMath.max(StrictMath.abs(vx), SLIP_SPEED_FLOOR_MPS);

            // Tread deflections, implicit first-order relaxation (Pacejka §7.2).
            double absVx = StrictMath.abs(vx);
            double sigmaX = tire.longRelaxationLengthM();
            double sigmaY = tire.latRelaxationLengthM();
            if (fzN == 0) {
                // An unloaded tread springs back: a wheel in the air keeps no deflection.
                w.longDeflectionM = 0;
                w.latDeflectionM = 0;
            }
            double oldLong = w.longDeflectionM;
            double oldLat = w.latDeflectionM;
            double newLong = (oldLong - dtS * (vx - w.spinRadPerS * radius)) / (1 + dtS * absVx / sigmaX);
            double newLat = (oldLat - dtS * vy) / (1 + dtS * absVx / sigmaY);
            newLong = StrictMath.max(-MAX_LONG_DEFLECTION_RATIO * sigmaX, StrictMath.min(MAX_LONG_DEFLECTION_RATIO * sigmaX, newLong));
            newLat = StrictMath.max(-MAX_LATERAL_DEFLECTION_RATIO * sigmaY, StrictMath.min(MAX_LATERAL_DEFLECTION_RATIO * sigmaY, newLat));
            w.longDeflectionM = newLong;
            w.latDeflectionM = newLat;
            double relaxedSlipRatio = newLong / sigmaX;
            double relaxedSlipAngle = StrictMath.atan(newLat / sigmaY);
            w.slipAngleRad = relaxedSlipAngle;

            double peakSlipRatio = 0;
            if (material.surface() instanceof RigidSurface rigid) {
                rigidTire.forces(rigid, fzN, relaxedSlipRatio, relaxedSlipAngle, tireForces);
                peakSlipRatio = rigid.peakSlipRatio();
            } else {
                softTire.forces((DeformableSoil) material.surface(), fzN, relaxedSlipRatio, relaxedSlipAngle, tireForces);
            }
            w.longTreadRateNPerM = tireForces.longSlipStiffnessN / sigmaX;
            w.latTreadRateNPerM = tireForces.latSlipStiffnessNPerRad / sigmaY;
            double fx = tireForces.longitudinalN;
            double fy = tireForces.lateralN;
            // Tread damping at low speed, so a held tire settles instead of ringing; it cannot push the
            // contact beyond what friction (or the soil's shear strength) allows.
            double fade = 1 - absVx / LOW_SPEED_DAMPING_FADE_MPS;
            if (fade > 0) {
                double dampingNsPerM = tire.lowSpeedDampingSPerM() * fzN * fade;
                fx += dampingNsPerM * (newLong - oldLong) / dtS;
                fy += dampingNsPerM * (newLat - oldLat) / dtS;
                double magnitude = StrictMath.sqrt(fx * fx + fy * fy);
                if (magnitude > tireForces.frictionLimitN) {
                    double scale = tireForces.frictionLimitN / magnitude;
                    fx *= scale;
                    fy *= scale;
                }
            }
            // Soil compaction resists the wheel's travel (Wong's drawbar pull = thrust - Rc). The soil's normal
            // pressure on a rigid wheel acts through the axle, so unlike the shear it puts no moment on the spin.
            double treadFx = fx;
            fx -= tireForces.compactionResistanceN * StrictMath.max(-1, StrictMath.min(1, vx / COMPACTION_FADE_SPEED_MPS));
            w.longitudinalForceN = fx;
            w.lateralForceN = fy;
            w.sinkageM = tireForces.sinkageM;

            contactForce.set(normal).scale(fzN).addScaled(tangentX, fx).addScaled(tangentY, fy);
            force.add(contactForce);
            torque.add(tmp.cross(lever, contactForce));

            // Wheel spin: drive torque and tire reaction, then brake and motion resistance as Coulomb friction.
            double wheelDrive = drive.layout().drives(w.front) ? driveTorqueNm : 0;
            double maxBrakeNm = w.front ? drive.frontBrakeTorqueNm() : drive.rearBrakeTorqueNm();
            double brakeNm = demand.brake() * maxBrakeNm;
            if (drive.absEnabled()) {
                brakeNm = abs.torqueNm(i, brakeNm, maxBrakeNm, w.slipRatio, peakSlipRatio, vx, dtS);
            }
            w.brakeTorqueNm = brakeNm;
            w.driveTorqueNm = wheelDrive;
            double resistingNm = brakeNm + tireForces.rollingResistanceMomentNm;
            double freeSpin = w.spinRadPerS + dtS * (wheelDrive - treadFx * radius) / tire.wheelInertiaKgM2();
            double maxChange = dtS * resistingNm / tire.wheelInertiaKgM2();
            if (StrictMath.abs(freeSpin) <= maxChange) {
                w.spinRadPerS = 0;
            } else {
                w.spinRadPerS = freeSpin - StrictMath.signum(freeSpin) * maxChange;
            }
        }

        // Rigid body: semi-implicit Euler.
        double ax = force.x / massKg;
        double ay = force.y / massKg;
        double az = force.z / massKg;
        orientation.axis(0, tmp);
        lastAccelerationXMps2 = ax * tmp.x + ay * tmp.y + az * tmp.z;
        lastAccelerationWorldMps2.set(ax, ay, az);
        velocityMps.set(velocityMps.x + ax * dtS, velocityMps.y + ay * dtS, velocityMps.z + az * dtS);
        positionM.addScaled(velocityMps, dtS);

        orientation.toBody(torque, tmp);
        Vec3 w = angularVelocityBodyRadPerS;
        double ixx = c.rollInertiaKgM2();
        double iyy = c.pitchInertiaKgM2();
        double izz = c.yawInertiaKgM2();
        // Euler's equations: I dw/dt = tau - w x (I w).
        double dwx = (tmp.x - (w.y * izz * w.z - w.z * iyy * w.y)) / ixx;
        double dwy = (tmp.y - (w.z * ixx * w.x - w.x * izz * w.z)) / iyy;
        double dwz = (tmp.z - (w.x * iyy * w.y - w.y * ixx * w.x)) / izz;
        lastAngularAccelerationBodyRadPerS2.set(dwx, dwy, dwz);
        w.set(w.x + dwx * dtS, w.y + dwy * dtS, w.z + dwz * dtS);
        orientation.integrateBodyRate(w.x, w.y, w.z, dtS);
    }

    private void addAerodynamicDrag() {
        AeroParams aero = params.aero();
        if (aero.dragAreaM2() <= 0) {
            return;
        }
        double speed = velocityMps.norm();
        double k = -0.5 * aero.airDensityKgPerM3() * aero.dragAreaM2() * speed;
        force.addScaled(velocityMps, k);
    }

    /** Writes the vehicle's collision outline (the chassis box, centred between the axles) to {@code out}. */
    public Footprint footprint(Footprint out) {
        ChassisParams c = params.chassis();
        double yaw = orientation.yawRad();
        double offset = (c.cgToFrontAxleM() - c.cgToRearAxleM()) / 2;
        out.centerXM = positionM.x + offset * StrictTrig.cos(yaw);
        out.centerYM = positionM.y + offset * StrictTrig.sin(yaw);
        out.yawRad = yaw;
        out.halfLengthM = c.bodyLengthM() / 2;
        out.halfWidthM = c.bodyWidthM() / 2;
        return out;
    }

    public VehicleParams params() {
        return params;
    }

    public World world() {
        return world;
    }

    public Wheel wheel(int index) {
        return wheels[index];
    }

    public double xM() {
        return positionM.x;
    }

    public double yM() {
        return positionM.y;
    }

    public double zM() {
        return positionM.z;
    }

    public Rotation orientation() {
        return orientation;
    }

    public double yawRad() {
        return orientation.yawRad();
    }

    public double pitchRad() {
        return orientation.pitchRad();
    }

    public double rollRad() {
        return orientation.rollRad();
    }

    /** Velocity of the CG in the world frame (read-only view; do not modify). */
    public Vec3 velocityWorldMps() {
        return velocityMps;
    }

    /** Angular velocity in the body frame (read-only view; do not modify). */
    public Vec3 angularVelocityBodyRadPerS() {
        return angularVelocityBodyRadPerS;
    }

    /** Forward speed of the CG along the body x axis, m/s. */
    public double forwardSpeedMps() {
        orientation.axis(0, tmp);
        return velocityMps.dot(tmp);
    }

    /** Lateral speed of the CG along the body y axis, m/s. */
    public double lateralSpeedMps() {
        orientation.axis(1, tmp);
        return velocityMps.dot(tmp);
    }

    public double yawRateRadPerS() {
        orientation.toWorld(angularVelocityBodyRadPerS, tmp);
        return tmp.z;
    }

    /** Acceleration of the CG in the world frame over the last step, m/s^2 (read-only view; do not modify). */
    public Vec3 accelerationWorldMps2() {
        return lastAccelerationWorldMps2;
    }

    /** Angular acceleration in the body frame over the last step, rad/s^2 (read-only view; do not modify). */
    public Vec3 angularAccelerationBodyRadPerS2() {
        return lastAngularAccelerationBodyRadPerS2;
    }

    /** Acceleration of the CG along the body x axis in the last step, m/s^2. */
    public double forwardAccelerationMps2() {
        return lastAccelerationXMps2;
    }

    /**
     * Whether the body has tipped past 90 degrees of roll or pitch. The model has no body-to-ground contact,
     * so an overturned vehicle's motion is meaningless; runners should report it and stop.
     */
    public boolean isOverturned() {
        orientation.axis(2, tmp);
        return tmp.z <= 0;
    }

    /** Current bicycle steering angle, rad. */
    public double steeringAngleRad() {
        return steering.bicycleAngleRad();
    }

    /**
     * Mechanical energy, J: translational and rotational kinetic energy of the body, spin energy of the
     * wheels, gravitational potential of the CG, and the elastic energy in the suspension springs and in
     * the tires' tread deflections.
     */
    public double mechanicalEnergyJ() {
        ChassisParams c = params.chassis();
        Vec3 w = angularVelocityBodyRadPerS;
        double kinetic = 0.5 * c.massKg() * (velocityMps.x * velocityMps.x + velocityMps.y * velocityMps.y + velocityMps.z * velocityMps.z)
                + 0.5 * (c.rollInertiaKgM2() * w.x * w.x + c.pitchInertiaKgM2() * w.y * w.y + c.yawInertiaKgM2() * w.z * w.z);
        double energy = kinetic + c.massKg() * gravityMps2 * positionM.z;
        for (Wheel wheel : wheels) {
            energy += 0.5 * params.tire().wheelInertiaKgM2() * wheel.spinRadPerS * wheel.spinRadPerS;
            energy += suspension.springEnergyJ(wheel.staticLoadN, wheel.compressionM);
            energy += wheel.treadEnergyJ();
        }
        return energy;
    }
}
