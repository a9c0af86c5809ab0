package org.hilbridge.hil.stack;

import com.google.protobuf.ByteString;
import org.hilbridge.proto.v1.CameraIntrinsics;
import org.hilbridge.proto.v1.Image;

/**
 * Mud ahead, from the camera: the ground ahead of the vehicle (a grid of points on the plane under the
 * wheels, {@code nearM} to {@code farM} ahead, {@code halfWidthM} either side) is projected into the image
 * with the catalog's mount and calibration (pinhole and plumb_bob distortion, OpenCV's camera model as
 * REP-104 / sensor_msgs/CameraInfo define it), and each pixel there is judged by its colour: mud is dark
 * and warm (red above green above blue, red at least {@code warmRatio} times blue, brightness under
 * {@code darkMax}). The fraction of mud pixels is the answer.
 *
 * <p>Limits, plainly: a colour rule, not a learned model. Wet clay or a dark brown shadow passes for mud;
 * fog, rain haze and dusk wash out or darken the colours, so it sees less mud (or more) than there is, which
 * is the point of testing against it. The ground is taken as the plane under the wheels, so on slopes the
 * sampled region slides nearer or farther.
 */
final class GroundPatchClassifier {
    private final int[] pixelIndex;
    private final int width;
    private final int height;
    private final double darkMax;
    private final double warmRatio;

    GroundPatchClassifier(CameraIntrinsics k, MountTransform mount, double groundZM, double nearM, double farM, double halfWidthM,
                          double darkMax, double warmRatio) {
        if (k.getKCount() != 9) {
            throw new IllegalArgumentException("camera intrinsics K has " + k.getKCount() + " values: 9 expected (3x3, row-major)");
        }
        this.width = k.getWidthPx();
        this.height = k.getHeightPx();
        this.darkMax = darkMax;
        this.warmRatio = warmRatio;
        double fx = k.getK(0);
        double cx = k.getK(2);
        double fy = k.getK(4);
        double cy = k.getK(5);
        double[] d = new double[5];
        for (int i = 0; i < Math.min(5, k.getDCount()); i++) {
            d[i] = k.getD(i);
        }
        java.util.List<Integer> idx = new java.util.ArrayList<>();
        double[] c = new double[3];
        for (double x = nearM; x <= farM + 1e-9; x += 0.25) {
            for (double y = -halfWidthM; y <= halfWidthM + 1e-9; y += 0.1) {
                mount.toSensor(x, y, groundZM, c);
                // Camera body frame (x forward, y left, z up) to optical (z forward, x right, y down), REP-103.
                double zo = c[0];
                double xo = -c[1];
                double yo = -c[2];
                if (zo <= 0.1) {
                    continue;
                }
                double xn = xo / zo;
                double yn = yo / zo;
                // plumb_bob (Brown-Conrady) as OpenCV applies it: radial k1, k2, k3 and tangential p1, p2.
                double r2 = xn * xn + yn * yn;
                double radial = 1 + d[0] * r2 + d[1] * r2 * r2 + d[4] * r2 * r2 * r2;
                double xd = xn * radial + 2 * d[2] * xn * yn + d[3] * (r2 + 2 * xn * xn);
                double yd = yn * radial + d[2] * (r2 + 2 * yn * yn) + 2 * d[3] * xn * yn;
                int u = (int) Math.round(fx * xd + cx);
                int v = (int) Math.round(fy * yd + cy);
                if (u >= 0 && u < width && v >= 0 && v < height) {
                    idx.add(v * width + u);
                }
            }
        }
        pixelIndex = idx.stream().distinct().mapToInt(Integer::intValue).toArray();
    }

    /** How many pixels the ground patch covers (0: the patch is outside the image). */
    int pixels() {
        return pixelIndex.length;
    }

    /** Fraction in [0, 1] of the ground patch's pixels that look like mud (0 when the patch is empty). */
    double mudFraction(Image image) {
        if (!image.getEncoding().equals("rgb8")) {
            throw new IllegalArgumentException("image " + image.getHeader().getStreamId() + " is " + image.getEncoding() + ": the reference stack reads rgb8");
        }
        if (image.getWidthPx() != width || image.getHeightPx() != height || pixelIndex.length == 0) {
            return 0;
        }
        // An augmented image, when the bridge sends one, is what a camera would have seen: judge that.
        ByteString pixels = image.hasAugmented() && !image.getAugmented().getPixels().isEmpty() ? image.getAugmented().getPixels() : image.getPixels();
        int step = image.getStepBytes() > 0 ? image.getStepBytes() : 3 * width;
        int mud = 0;
        for (int i : pixelIndex) {
            int at = (i / width) * step + (i % width) * 3;
            int r = pixels.byteAt(at) & 0xff;
            int g = pixels.byteAt(at + 1) & 0xff;
            int b = pixels.byteAt(at + 2) & 0xff;
            if (isMud(r, g, b)) {
                mud++;
            }
        }
        return (double) mud / pixelIndex.length;
    }

    boolean isMud(int r, int g, int b) {
        double brightness = (r + g + b) / 3.0;
        return brightness <= darkMax && r >= g && g >= b && r >= warmRatio * Math.max(b, 1);
    }
}
