package org.hilbridge.bridge.socket.mapping;

import java.util.List;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.proto.v1.CameraIntrinsics;
import org.hilbridge.proto.v1.LidarLayout;
import org.hilbridge.proto.v1.Mount;
import org.hilbridge.proto.v1.SensorKind;
import org.hilbridge.proto.v1.StreamCatalog;
import org.hilbridge.proto.v1.StreamDescriptor;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraInfoData;
import org.hilbridge.sim.sensor.lidar.LidarParams;

/** The stream catalog on the wire, from the runner's {@link StreamInfo} list. */
public final class CatalogMapping {
    /** The pseudo-stream that carries Clock frames. */
    public static final String CLOCK_STREAM = "clock";

    private CatalogMapping() {
    }

    /** The catalog: every stream, then the clock (at the fastest stream's rate). */
    public static StreamCatalog catalog(List<StreamInfo> streams) {
        StreamCatalog.Builder b = StreamCatalog.newBuilder();
        double fastestHz = 0;
        for (StreamInfo s : streams) {
            if (s.streamId().equals(CLOCK_STREAM)) {
                throw new IllegalArgumentException("stream id '" + CLOCK_STREAM + "' is reserved for the socket's clock stream: rename the sensor");
            }
            b.addStreams(descriptor(s));
            fastestHz = Math.max(fastestHz, s.rateHz());
        }
        b.addStreams(StreamDescriptor.newBuilder().setStreamId(CLOCK_STREAM).setKind(SensorKind.SENSOR_KIND_CLOCK).setRateHz(fastestHz)
                .setFrameId("").setMount(mount(SensorMount.atBaseLink())));
        return b.build();
    }

    static StreamDescriptor descriptor(StreamInfo s) {
        StreamDescriptor.Builder d = StreamDescriptor.newBuilder().setStreamId(s.streamId()).setKind(kind(s.kind())).setRateHz(s.rateHz())
                .setFrameId(s.frameId()).setMount(mount(s.mount()));
        if (s.cameraInfo() != null) {
            d.setCamera(intrinsics(s.cameraInfo()));
        }
        if (s.lidar() != null) {
            d.setLidar(lidar(s.lidar()));
        }
        d.setAugmented(s.augmentation().augmented()).setPrimaryAugmented(s.augmentation().primaryAugmented());
        return d.build();
    }

    /** The scenario's sensor type (StreamInfo.kind) on the wire. */
    public static SensorKind kind(String scenarioKind) {
        return switch (scenarioKind) {
            case "ground_truth" -> SensorKind.SENSOR_KIND_GROUND_TRUTH;
            case "imu" -> SensorKind.SENSOR_KIND_IMU;
            case "gnss" -> SensorKind.SENSOR_KIND_GNSS;
            case "wheel_odometry" -> SensorKind.SENSOR_KIND_WHEEL_ODOMETRY;
            case "lidar" -> SensorKind.SENSOR_KIND_LIDAR;
            case "camera" -> SensorKind.SENSOR_KIND_CAMERA;
            default -> throw new IllegalArgumentException("stream kind '" + scenarioKind
                    + "' has no wire form: allowed are ground_truth, imu, gnss, wheel_odometry, lidar, camera");
        };
    }

    static Mount mount(SensorMount m) {
        return Mount.newBuilder().setXM(m.xM()).setYM(m.yM()).setZM(m.zM()).setRollRad(m.rollRad()).setPitchRad(m.pitchRad())
                .setYawRad(m.yawRad()).build();
    }

    static CameraIntrinsics intrinsics(CameraInfoData c) {
        CameraIntrinsics.Builder b = CameraIntrinsics.newBuilder().setWidthPx(c.width()).setHeightPx(c.height())
                .setDistortionModel(c.distortionModel());
        for (double v : c.d()) {
            b.addD(v);
        }
        for (double v : c.k()) {
            b.addK(v);
        }
        for (double v : c.r()) {
            b.addR(v);
        }
        for (double v : c.p()) {
            b.addP(v);
        }
        return b.build();
    }

    static LidarLayout lidar(LidarParams p) {
        double[] byRing = new double[p.channels()];
        for (int laser = 0; laser < p.channels(); laser++) {
            byRing[p.ring(laser)] = p.elevationDeg(laser);
        }
        LidarLayout.Builder b = LidarLayout.newBuilder().setPreset(p.preset()).setChannels(p.channels())
                .setColumnsPerRevolution(p.columnsPerRevolution()).setMinRangeM(p.minRangeM()).setMaxRangeM(p.maxRangeM())
                .addAllFields(PointLayout.FIELDS).setPointStepBytes(PointLayout.POINT_STEP_BYTES);
        for (double e : byRing) {
            b.addRingElevationDeg(e);
        }
        return b.build();
    }
}
