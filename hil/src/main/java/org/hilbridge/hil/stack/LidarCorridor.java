package org.hilbridge.hil.stack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hilbridge.proto.v1.PointCloud;
import org.hilbridge.proto.v1.PointField;
import org.hilbridge.proto.v1.PointFieldType;

/**
 * Obstacles from one LiDAR revolution: the points inside a corridor ahead of the vehicle (the body's half
 * width plus a margin either side of the arc the vehicle is steering along), binned by distance ahead; a
 * bin whose points span more than {@code minHeightSpanM} vertically holds something standing up (a slope
 * spans a few centimetres over a bin, a crate or a post most of its height). The nearest such bin is the
 * obstacle distance. Geometry only: no labels, no intensities.
 *
 * <p>Limits: thin or low things (under the span, between two rings) are missed; a steep enough bank inside
 * the corridor is taken for an obstacle; the corridor follows the current steering arc, not the route.
 */
final class LidarCorridor {
    private final MountTransform mount;
    private final double startM;
    private final double rangeM;
    private final double binM;
    private final double halfWidthM;
    private final double maxHeightM;
    private final double minHeightSpanM;
    private final double[] binMin;
    private final double[] binMax;
    private final int[] binCount;
    private final double[] p = new double[3];

    /**
     * @param startM         distance ahead of base_link where the corridor begins (the front bumper)
     * @param maxHeightM     points higher than this in base_link are ignored (overhangs the body passes under)
     */
    LidarCorridor(MountTransform mount, double startM, double rangeM, double binM, double halfWidthM, double maxHeightM, double minHeightSpanM) {
        this.mount = mount;
        this.startM = startM;
        this.rangeM = rangeM;
        this.binM = binM;
        this.halfWidthM = halfWidthM;
        this.maxHeightM = maxHeightM;
        this.minHeightSpanM = minHeightSpanM;
        int bins = (int) Math.ceil((rangeM - startM) / binM);
        binMin = new double[bins];
        binMax = new double[bins];
        binCount = new int[bins];
    }

    /**
     * Distance ahead of base_link (m) of the nearest obstacle in the corridor along an arc of this curvature
     * (1/m, positive left), or +infinity when the corridor is clear.
     */
    double nearestObstacleM(PointCloud cloud, double curvaturePerM) {
        int xOff = offset(cloud, "x");
        int yOff = offset(cloud, "y");
        int zOff = offset(cloud, "z");
        int step = cloud.getPointStepBytes();
        ByteBuffer b = cloud.getPointsLe().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(binMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(binMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(binCount, 0);
        int n = cloud.getPointCount();
        for (int i = 0; i < n; i++) {
            int at = i * step;
            float x = b.getFloat(at + xOff);
            float y = b.getFloat(at + yOff);
            float z = b.getFloat(at + zOff);
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                continue;
            }
            mount.toBase(x, y, z, p);
            if (p[0] < startM || p[0] >= rangeM || p[2] > maxHeightM) {
                continue;
            }
            // Lateral offset of the arc at distance x: y = kappa x^2 / 2 (small-angle circle).
            double arcY = 0.5 * curvaturePerM * p[0] * p[0];
            if (Math.abs(p[1] - arcY) > halfWidthM) {
                continue;
            }
            int bin = (int) ((p[0] - startM) / binM);
            binMin[bin] = Math.min(binMin[bin], p[2]);
            binMax[bin] = Math.max(binMax[bin], p[2]);
            binCount[bin]++;
        }
        for (int bin = 0; bin < binCount.length; bin++) {
            if (binCount[bin] >= 2 && binMax[bin] - binMin[bin] >= minHeightSpanM) {
                return startM + bin * binM;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static int offset(PointCloud cloud, String name) {
        for (PointField f : cloud.getFieldsList()) {
            if (f.getName().equals(name)) {
                if (f.getType() != PointFieldType.POINT_FIELD_TYPE_FLOAT32) {
                    throw new IllegalArgumentException("point field " + name + " of " + cloud.getHeader().getStreamId() + " is " + f.getType()
                            + ": the reference stack reads FLOAT32 only");
                }
                return f.getOffsetBytes();
            }
        }
        throw new IllegalArgumentException("point cloud " + cloud.getHeader().getStreamId() + " has no field " + name + ": it has "
                + cloud.getFieldsList().stream().map(PointField::getName).toList());
    }
}
