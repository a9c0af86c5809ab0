package org.hilbridge.sim.sensor.camera;

/**
 * What a sensor_msgs/CameraInfo message carries for this camera, to the ROS convention (sensor_msgs/CameraInfo
 * message definition; REP-104): distortion model "plumb_bob" with D = [k1, k2, p1, p2, k3]; the intrinsic
 * matrix K = [fx 0 cx; 0 fy cy; 0 0 1]; the rectification R = identity (a monocular camera); the projection
 * P = [fx 0 cx 0; 0 fy cy 0; 0 0 1 0] (Tx = Ty = 0); no binning, full-image ROI. Matrices are row-major.
 * Immutable: the array accessors return copies.
 */
public final class CameraInfoData {
    public static final String PLUMB_BOB = "plumb_bob";

    private final int width;
    private final int height;
    private final double[] d;
    private final double[] k;
    private final double[] r;
    private final double[] p;

    private CameraInfoData(int width, int height, double[] d, double[] k, double[] r, double[] p) {
        this.width = width;
        this.height = height;
        this.d = d;
        this.k = k;
        this.r = r;
        this.p = p;
    }

    public static CameraInfoData of(CameraParams c) {
        CameraParams.Distortion dist = c.distortion();
        return new CameraInfoData(c.widthPx(), c.heightPx(),
                new double[] {dist.k1(), dist.k2(), dist.p1(), dist.p2(), dist.k3()},
                new double[] {c.fxPx(), 0, c.cxPx(), 0, c.fyPx(), c.cyPx(), 0, 0, 1},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new double[] {c.fxPx(), 0, c.cxPx(), 0, 0, c.fyPx(), c.cyPx(), 0, 0, 0, 1, 0});
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String distortionModel() {
        return PLUMB_BOB;
    }

    /** D = [k1, k2, p1, p2, k3]. */
    public double[] d() {
        return d.clone();
    }

    /** K, 3x3 row-major. */
    public double[] k() {
        return k.clone();
    }

    /** R, 3x3 row-major: identity. */
    public double[] r() {
        return r.clone();
    }

    /** P, 3x4 row-major. */
    public double[] p() {
        return p.clone();
    }

    @Override
    public String toString() {
        return "CameraInfo[" + width + "x" + height + " plumb_bob D=" + java.util.Arrays.toString(d) + " K=" + java.util.Arrays.toString(k) + "]";
    }
}
