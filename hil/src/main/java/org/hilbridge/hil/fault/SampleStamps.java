package org.hilbridge.hil.fault;

import org.hilbridge.sim.sensor.GroundTruthSample;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.gnss.GnssSample;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.odometry.OdometrySample;

/**
 * Copies of a sample with another sequence number and capture stamp and the same content (frozen frames:
 * a hung driver repeating its last reading with fresh headers; clock jump: the stamps on the wire move).
 * Arrays (pixels, points) are shared, not copied: samples are immutable by contract.
 */
public final class SampleStamps {
    private SampleStamps() {
    }

    /** {@code s}'s content under {@code sequence} and {@code captureNanos}; the sample itself if both are its own. */
    public static SensorSample restamped(SensorSample s, long sequence, long captureNanos) {
        if (s.sequence() == sequence && s.captureNanos() == captureNanos) {
            return s;
        }
        if (s instanceof GroundTruthSample g) {
            return new GroundTruthSample(g.streamId(), sequence, captureNanos, g.frameId(), g.xM(), g.yM(), g.zM(), g.qw(), g.qx(), g.qy(), g.qz(),
                    g.vxMps(), g.vyMps(), g.vzMps(), g.rollRateRadPerS(), g.pitchRateRadPerS(), g.yawRateBodyRadPerS(), g.forwardSpeedMps(),
                    g.yawRateRadPerS(), g.steeringAngleRad(), g.slipRatioFrontLeft(), g.slipRatioFrontRight(), g.slipRatioRearLeft(),
                    g.slipRatioRearRight());
        }
        if (s instanceof ImuSample m) {
            return new ImuSample(m.streamId(), sequence, captureNanos, m.frameId(), m.accelXMps2(), m.accelYMps2(), m.accelZMps2(),
                    m.gyroXRadPerS(), m.gyroYRadPerS(), m.gyroZRadPerS(), m.accelVarianceMps2Sq(), m.gyroVarianceRadPerSSq());
        }
        if (s instanceof GnssSample g) {
            return new GnssSample(g.streamId(), sequence, captureNanos, g.frameId(), g.status(), g.latitudeDeg(), g.longitudeDeg(), g.altitudeM(),
                    g.positionCovarianceM2(), g.covarianceType());
        }
        if (s instanceof OdometrySample o) {
            return new OdometrySample(o.streamId(), sequence, captureNanos, o.frameId(), o.childFrameId(), o.xM(), o.yM(), o.yawRad(),
                    o.forwardSpeedMps(), o.yawRateRadPerS());
        }
        if (s instanceof CameraFrame c) {
            return new CameraFrame(c.streamId(), sequence, captureNanos, c.frameId(), c.image(), c.cameraInfo());
        }
        if (s instanceof PointCloudSample p) {
            return new PointCloudSample(p.streamId(), sequence, captureNanos, p.frameId(), p.channels(), p.columnsPerRevolution(), p.x(), p.y(),
                    p.z(), p.intensity(), p.ring(), p.timeOffsetS(), p.semanticClassId());
        }
        if (s instanceof AugmentedFrame a) {
            return new AugmentedFrame(a.streamId(), sequence, captureNanos, a.frameId(), a.width(), a.height(), a.rgb8(), a.outcome(),
                    a.provenance(), a.scores(), a.owner()); // the same pixels and so the same holds
        }
        throw new IllegalArgumentException("stream " + s.streamId() + ": cannot restamp a " + s.getClass().getName()
                + " (known: ground truth, IMU, GNSS, odometry, camera, augmented camera, point cloud samples)");
    }
}
