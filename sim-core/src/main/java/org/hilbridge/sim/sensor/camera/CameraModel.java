package org.hilbridge.sim.sensor.camera;

import static org.hilbridge.sim.sensor.camera.CameraParams.num;

/**
 * The camera's projection and, precomputed once, the ray of every pixel.
 *
 * <p>Projection (OpenCV calib3d, "Camera Calibration and 3D Reconstruction", the pinhole model with the
 * Brown-Conrady distortion that ROS calls plumb_bob): for a point (x, y, z) in the optical frame, x' = x / z,
 * y' = y / z, r^2 = x'^2 + y'^2,
 * <pre>
 * x'' = x' (1 + k1 r^2 + k2 r^4 + k3 r^6) + 2 p1 x' y' + p2 (r^2 + 2 x'^2)
 * y'' = y' (1 + k1 r^2 + k2 r^4 + k3 r^6) + p1 (r^2 + 2 y'^2) + 2 p2 x' y'
 * u = fx x'' + cx,  v = fy y'' + cy
 * </pre>
 *
 * <p>Rays: pixel (i, j) of the distorted image looks along the optical-frame direction (x', y', 1), where
 * (x', y') is the undistorted normalized point that the model above maps onto (i, j). It is found as OpenCV's
 * undistortPoints does (cv::undistortPoints, the fixed-point iteration x' = (x'' - tangential(x', y')) /
 * radial(x', y')), run to convergence, then polished by Newton's method on the forward model; the result must
 * reproject to within {@value #MAX_REPROJECTION_ERROR_PX} px of the pixel. Every rendered channel uses these
 * rays, so distortion is applied to all of them identically. Rays are stored as floats (x', y'): their
 * reprojection error from rounding is below 1e-3 px for any image this class accepts.
 *
 * <p>A distortion is accepted only if it maps the image one-to-one in the way the renderer relies on: x'
 * strictly increasing along every pixel row, and the per-row extremes of y' not decreasing from row to row.
 * Lenses that plumb_bob models well (up to about 120 degrees) satisfy this; a fisheye pushed into plumb_bob
 * that folds the image back on itself does not, and is refused.
 */
public final class CameraModel {
    static final double MAX_REPROJECTION_ERROR_PX = 1e-6;
    private static final int FIXED_POINT_ITERATIONS = 50;
    private static final int NEWTON_ITERATIONS = 20;

    private final CameraParams params;
    private final int width;
    private final int height;
    private final double fx;
    private final double fy;
    private final double cx;
    private final double cy;
    private final double k1;
    private final double k2;
    private final double p1;
    private final double p2;
    private final double k3;
    private final boolean distorted;
    /** Undistorted normalized ray of each pixel, row-major: the direction (rayX, rayY, 1) in the optical frame. */
    final float[] rayX;
    final float[] rayY;
    /** |(rayX, rayY, 1)|: range = depth * rangePerDepth. */
    final float[] rangePerDepth;
    /** Per pixel row, the least and greatest rayY in it. */
    private final float[] rowMinY;
    private final float[] rowMaxY;
    final double minRayX;
    final double maxRayX;
    final double minRayY;
    final double maxRayY;

    public CameraModel(CameraParams params) {
        this.params = params;
        this.width = params.widthPx();
        this.height = params.heightPx();
        this.fx = params.fxPx();
        this.fy = params.fyPx();
        this.cx = params.cxPx();
        this.cy = params.cyPx();
        CameraParams.Distortion d = params.distortion();
        this.k1 = d.k1();
        this.k2 = d.k2();
        this.p1 = d.p1();
        this.p2 = d.p2();
        this.k3 = d.k3();
        this.distorted = !d.isNone();
        int n = width * height;
        rayX = new float[n];
        rayY = new float[n];
        rangePerDepth = new float[n];
        rowMinY = new float[height];
        rowMaxY = new float[height];
        double[] xy = new double[2];
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int j = 0; j < height; j++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = 0; i < width; i++) {
                int p = j * width + i;
                if (distorted) {
                    if (!undistort(i, j, xy)) {
                        throw notInvertible("it cannot be inverted at pixel (" + i + ", " + j + ")");
                    }
                } else {
                    xy[0] = (i - cx) / fx;
                    xy[1] = (j - cy) / fy;
                }
                float rx = (float) xy[0];
                float ry = (float) xy[1];
                if (distorted && i > 0 && !(rx > rayX[p - 1])) {
                    throw notInvertible("it folds pixel row " + j + " back on itself at column " + i);
                }
                rayX[p] = rx;
                rayY[p] = ry;
                rangePerDepth[p] = (float) StrictMath.sqrt((double) rx * rx + (double) ry * ry + 1);
                lo = Math.min(lo, ry);
                hi = Math.max(hi, ry);
                x0 = Math.min(x0, rx);
                x1 = Math.max(x1, rx);
            }
            if (j > 0 && (lo < rowMinY[j - 1] || hi < rowMaxY[j - 1])) {
                throw notInvertible("it folds the image vertically at pixel row " + j);
            }
            rowMinY[j] = lo;
            rowMaxY[j] = hi;
            y0 = Math.min(y0, lo);
            y1 = Math.max(y1, hi);
        }
        minRayX = x0;
        maxRayX = x1;
        minRayY = y0;
        maxRayY = y1;
    }

    private IllegalArgumentException notInvertible(String where) {
        return new IllegalArgumentException("camera distortion (k1, k2, p1, p2, k3) = (" + num(k1) + ", " + num(k2) + ", " + num(p1) + ", " + num(p2)
                + ", " + num(k3) + ") is not allowed for this " + width + " x " + height + " image: " + where
                + "; the distortion must map the image one-to-one (smaller coefficients, or a smaller field of view)");
    }

    public CameraParams params() {
        return params;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether any distortion coefficient is non-zero. */
    public boolean isDistorted() {
        return distorted;
    }

    /** Applies the Brown-Conrady model to an undistorted normalized point: out = (x'', y''). */
    public double[] distortNormalized(double x, double y, double[] out) {
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        out[0] = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
        out[1] = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
        return out;
    }

    /**
     * Projects an optical-frame point (x right, y down, z forward, metres) to pixel coordinates out = (u, v).
     * Returns false (and leaves {@code out} alone) for a point not in front of the camera (z &lt;= 0).
     */
    public boolean project(double xM, double yM, double zM, double[] outUv) {
        if (!(zM > 0)) {
            return false;
        }
        distortNormalized(xM / zM, yM / zM, outUv);
        outUv[0] = fx * outUv[0] + cx;
        outUv[1] = fy * outUv[1] + cy;
        return true;
    }

    /**
     * The undistorted normalized point (x', y') that projects onto pixel coordinates (u, v): the iteration of
     * OpenCV's undistortPoints to convergence, polished by Newton's method. Returns false if it does not
     * reproject to within {@value #MAX_REPROJECTION_ERROR_PX} px.
     */
    public boolean undistort(double u, double v, double[] outXy) {
        double xd = (u - cx) / fx;
        double yd = (v - cy) / fy;
        double x = xd;
        double y = yd;
        for (int it = 0; it < FIXED_POINT_ITERATIONS; it++) {
            double r2 = x * x + y * y;
            double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
            double dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
            double dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
            double nx = (xd - dx) / radial;
            double ny = (yd - dy) / radial;
            if (!Double.isFinite(nx) || !Double.isFinite(ny)) {
                break;
            }
            boolean settled = nx == x && ny == y;
            x = nx;
            y = ny;
            if (settled) {
                break;
            }
        }
        // Newton's method on f(x, y) = distort(x, y) - (xd, yd), with the model's analytic Jacobian.
        for (int it = 0; it < NEWTON_ITERATIONS; it++) {
            double r2 = x * x + y * y;
            double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
            double fxv = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x) - xd;
            double fyv = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y - yd;
            if (Math.abs(fxv) * fx < 1e-12 && Math.abs(fyv) * fy < 1e-12) {
                break;
            }
            double dRadial = k1 + r2 * (2 * k2 + 3 * k3 * r2);
            double dRdx = 2 * x * dRadial;
            double dRdy = 2 * y * dRadial;
            double a = radial + x * dRdx + 2 * p1 * y + 6 * p2 * x;
            double b = x * dRdy + 2 * p1 * x + 2 * p2 * y;
            double c = y * dRdx + 2 * p1 * x + 2 * p2 * y;
            double e = radial + y * dRdy + 6 * p1 * y + 2 * p2 * x;
            double det = a * e - b * c;
            if (det == 0 || !Double.isFinite(det)) {
                break;
            }
            x -= (e * fxv - b * fyv) / det;
            y -= (a * fyv - c * fxv) / det;
        }
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        double ex = (x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x) - xd) * fx;
        double ey = (y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y - yd) * fy;
        if (!(radial > 0) || !(Math.abs(ex) <= MAX_REPROJECTION_ERROR_PX && Math.abs(ey) <= MAX_REPROJECTION_ERROR_PX)) {
            return false;
        }
        outXy[0] = x;
        outXy[1] = y;
        return true;
    }

    /** x' of the ray of pixel (u, v): the ray is (x', y', 1) in the optical frame. */
    public double rayX(int u, int v) {
        return rayX[index(u, v)];
    }

    /** y' of the ray of pixel (u, v). */
    public double rayY(int u, int v) {
        return rayY[index(u, v)];
    }

    private int index(int u, int v) {
        if (u < 0 || u >= width || v < 0 || v >= height) {
            throw new IllegalArgumentException("pixel (" + u + ", " + v + ") is outside the " + width + " x " + height + " image");
        }
        return v * width + u;
    }

    // Conservative pixel ranges for a region of the normalized plane, used to bound a shape's pixels. The
    // region's pixels are those whose ray (x', y') lies in [xLo, xHi] x [yLo, yHi]; the ranges may include more.

    /** First pixel row that may hold a ray with y' >= yLo (height if none). */
    int firstRow(double yLo) {
        if (!distorted) {
            return (int) Math.max(0, Math.min(height, Math.ceil(yLo * fy + cy)));
        }
        int lo = 0;
        int hi = height;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rowMaxY[mid] >= yLo) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Last pixel row that may hold a ray with y' &lt;= yHi (-1 if none). */
    int lastRow(double yHi) {
        if (!distorted) {
            return (int) Math.max(-1, Math.min(height - 1, Math.floor(yHi * fy + cy)));
        }
        int lo = -1;
        int hi = height - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if (rowMinY[mid] <= yHi) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** First column of {@code row} whose ray has x' >= xLo (width if none). */
    int firstColumn(int row, double xLo) {
        if (!distorted) {
            return (int) Math.max(0, Math.min(width, Math.ceil(xLo * fx + cx)));
        }
        int base = row * width;
        int lo = 0;
        int hi = width;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rayX[base + mid] >= xLo) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Last column of {@code row} whose ray has x' &lt;= xHi (-1 if none). */
    int lastColumn(int row, double xHi) {
        if (!distorted) {
            return (int) Math.max(-1, Math.min(width - 1, Math.floor(xHi * fx + cx)));
        }
        int base = row * width;
        int lo = -1;
        int hi = width - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if (rayX[base + mid] <= xHi) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
