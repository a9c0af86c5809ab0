package org.hilbridge.sim.sensor.camera;

import java.util.Objects;
import org.hilbridge.sim.math.StrictTrig;

/**
 * What a camera is: its resolution, pinhole intrinsics, lens distortion, clipping range and the light it sees
 * the scene in.
 *
 * <p>Pixel coordinates follow OpenCV and ROS (sensor_msgs/CameraInfo): u to the right, v down, the centre of
 * pixel (i, j) at (u, v) = (i, j). A point (x, y, z) in the optical frame (z forward, x right, y down, REP-103)
 * projects as x' = x / z, y' = y / z, then through the Brown-Conrady ("plumb_bob") model, then
 * u = fx x'' + cx, v = fy y'' + cy (OpenCV calib3d, "Camera Calibration and 3D Reconstruction"); see
 * {@link CameraModel}.
 *
 * <p>The clipping range is on depth (z in the optical frame), as near and far clip planes are: a surface
 * is seen where nearM &lt;= z &lt; farM.
 *
 * @param widthPx     image width, 1 to {@value #MAX_SIZE_PX}
 * @param heightPx    image height, 1 to {@value #MAX_SIZE_PX}
 * @param fxPx        focal length along u, pixels
 * @param fyPx        focal length along v, pixels
 * @param cxPx        principal point u, pixels
 * @param cyPx        principal point v, pixels
 * @param distortion  Brown-Conrady coefficients; {@link Distortion#NONE} for an ideal pinhole
 * @param nearM       near clip plane, metres of depth, &gt; 0
 * @param farM        far clip plane, metres of depth, &gt; nearM
 * @param lighting    sun, sky and ambient light
 * @param textureSeed seed of the deterministic texture variation drawn on every surface
 */
public record CameraParams(int widthPx, int heightPx, double fxPx, double fyPx, double cxPx, double cyPx,
                           Distortion distortion, double nearM, double farM, Lighting lighting, long textureSeed) {
    public static final int MAX_SIZE_PX = 16384;
    /** At most this many pixels, so every channel array (3 floats a pixel for normals) fits a Java array. */
    public static final int MAX_PIXELS = 1 << 26;
    public static final double DEFAULT_NEAR_M = 0.1;
    public static final double DEFAULT_FAR_M = 200;

    public CameraParams {
        requireSize("camera.width_px", widthPx);
        requireSize("camera.height_px", heightPx);
        if ((long) widthPx * heightPx > MAX_PIXELS) {
            throw new IllegalArgumentException("camera.width_px x camera.height_px = " + widthPx + " x " + heightPx
                    + " is not allowed: it must be at most " + MAX_PIXELS + " pixels");
        }
        requirePositive("camera.fx_px", fxPx);
        requirePositive("camera.fy_px", fyPx);
        requireFinite("camera.cx_px", cxPx);
        requireFinite("camera.cy_px", cyPx);
        Objects.requireNonNull(distortion, "camera distortion");
        requirePositive("camera.near_m", nearM);
        if (!(farM > nearM) || !Double.isFinite(farM)) {
            throw new IllegalArgumentException("camera.far_m = " + num(farM) + " is not allowed: it must be a finite number > camera.near_m = " + num(nearM));
        }
        Objects.requireNonNull(lighting, "camera lighting");
    }

    /**
     * An ideal pinhole (no distortion) of the given horizontal field of view across the whole image width, with
     * square pixels and the principal point at the image centre, ((width - 1) / 2, (height - 1) / 2) in the
     * pixel-centre convention; default range and lighting, texture seed 0.
     */
    public static CameraParams fromFieldOfView(int widthPx, int heightPx, double horizontalFovDeg) {
        return fromFieldOfView(widthPx, heightPx, horizontalFovDeg, Distortion.NONE, DEFAULT_NEAR_M, DEFAULT_FAR_M, Lighting.DEFAULT, 0);
    }

    /**
     * As {@link #fromFieldOfView(int, int, double)} with everything given: fx = fy = (width / 2) / tan(hfov / 2),
     * so the outer edges of the outermost pixels (u = -0.5 and u = width - 0.5) lie on the field of view's
     * edges before distortion.
     */
    public static CameraParams fromFieldOfView(int widthPx, int heightPx, double horizontalFovDeg, Distortion distortion,
                                               double nearM, double farM, Lighting lighting, long textureSeed) {
        requireSize("camera.width_px", widthPx);
        requireSize("camera.height_px", heightPx);
        if (!(horizontalFovDeg > 0 && horizontalFovDeg < 180)) {
            throw new IllegalArgumentException("camera.horizontal_fov_deg = " + num(horizontalFovDeg) + " is not allowed: it must be in (0, 180)");
        }
        double f = (widthPx / 2.0) / StrictTrig.tan(StrictMath.toRadians(horizontalFovDeg) / 2);
        return new CameraParams(widthPx, heightPx, f, f, (widthPx - 1) / 2.0, (heightPx - 1) / 2.0,
                distortion, nearM, farM, lighting, textureSeed);
    }

    /** Horizontal field of view of the undistorted pinhole across the whole width, degrees. */
    public double horizontalFovDeg() {
        return StrictMath.toDegrees(StrictMath.atan((cxPx + 0.5) / fxPx) + StrictMath.atan((widthPx - 0.5 - cxPx) / fxPx));
    }

    public CameraParams withDistortion(Distortion newDistortion) {
        return new CameraParams(widthPx, heightPx, fxPx, fyPx, cxPx, cyPx, newDistortion, nearM, farM, lighting, textureSeed);
    }

    public CameraParams withRange(double newNearM, double newFarM) {
        return new CameraParams(widthPx, heightPx, fxPx, fyPx, cxPx, cyPx, distortion, newNearM, newFarM, lighting, textureSeed);
    }

    public CameraParams withLighting(Lighting newLighting) {
        return new CameraParams(widthPx, heightPx, fxPx, fyPx, cxPx, cyPx, distortion, nearM, farM, newLighting, textureSeed);
    }

    public CameraParams withTextureSeed(long newTextureSeed) {
        return new CameraParams(widthPx, heightPx, fxPx, fyPx, cxPx, cyPx, distortion, nearM, farM, lighting, newTextureSeed);
    }

    /**
     * Brown-Conrady lens distortion as OpenCV and ROS ("plumb_bob") define it: radial k1, k2, k3 and
     * tangential p1, p2 on normalized coordinates. Whether it can be inverted over a given image is checked
     * when a {@link CameraModel} is built for it.
     */
    public record Distortion(double k1, double k2, double p1, double p2, double k3) {
        public static final Distortion NONE = new Distortion(0, 0, 0, 0, 0);

        public Distortion {
            requireFinite("camera.k1", k1);
            requireFinite("camera.k2", k2);
            requireFinite("camera.p1", p1);
            requireFinite("camera.p2", p2);
            requireFinite("camera.k3", k3);
        }

        public boolean isNone() {
            return k1 == 0 && k2 == 0 && p1 == 0 && p2 == 0 && k3 == 0;
        }
    }

    /** A linear RGB triple (not sRGB-encoded), each component finite and &gt;= 0. */
    public record Rgb(double red, double green, double blue) {
    }

    /**
     * The light the scene is seen in.
     *
     * @param sunAzimuthDeg   compass bearing of the sun, degrees clockwise from north (y) towards east (x), as solar
     *                        position tables give it (NOAA Solar Calculator convention); any finite value
     * @param sunElevationDeg sun above the horizon, degrees in [-90, 90]; at or below 0 there is no direct sunlight
     * @param sunRgb          irradiance of direct sunlight on a surface facing the sun, linear RGB, components in [0, 16]
     * @param skyRgb          radiance of the sky as the camera sees it (and the colour of its light), linear RGB in [0, 1]
     * @param ambient         strength of the sky's light on surfaces relative to {@code skyRgb}, in [0, 16]
     */
    public record Lighting(double sunAzimuthDeg, double sunElevationDeg, Rgb sunRgb, Rgb skyRgb, double ambient) {
        /** Mid-morning sun in the south-east under a clear sky. */
        public static final Lighting DEFAULT = new Lighting(135, 50, new Rgb(1.0, 0.96, 0.88), new Rgb(0.45, 0.6, 0.85), 0.45);

        public Lighting {
            requireFinite("camera.sun_azimuth_deg", sunAzimuthDeg);
            if (!(sunElevationDeg >= -90 && sunElevationDeg <= 90)) {
                throw new IllegalArgumentException("camera.sun_elevation_deg = " + num(sunElevationDeg) + " is not allowed: it must be in [-90, 90]");
            }
            Objects.requireNonNull(sunRgb, "camera sun_rgb");
            Objects.requireNonNull(skyRgb, "camera sky_rgb");
            requireRgb("camera.sun_rgb", sunRgb, 16);
            requireRgb("camera.sky_rgb", skyRgb, 1);
            if (!(ambient >= 0 && ambient <= 16)) {
                throw new IllegalArgumentException("camera.ambient = " + num(ambient) + " is not allowed: it must be in [0, 16]");
            }
        }

        private static void requireRgb(String key, Rgb rgb, double max) {
            double[] c = {rgb.red(), rgb.green(), rgb.blue()};
            String[] names = {"red", "green", "blue"};
            for (int i = 0; i < 3; i++) {
                if (!(c[i] >= 0 && c[i] <= max)) {
                    throw new IllegalArgumentException(key + " " + names[i] + " = " + num(c[i]) + " is not allowed: it must be in [0, " + num(max) + "]");
                }
            }
        }
    }

    private static void requireSize(String key, int px) {
        if (px < 1 || px > MAX_SIZE_PX) {
            throw new IllegalArgumentException(key + " = " + px + " is not allowed: it must be an integer in [1, " + MAX_SIZE_PX + "]");
        }
    }

    private static void requirePositive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " = " + num(v) + " is not allowed: it must be a finite number > 0");
        }
    }

    private static void requireFinite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " = " + num(v) + " is not allowed: it must be a finite number");
        }
    }

    /** A number as a scenario file would spell it: 180 rather than 180.0. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
