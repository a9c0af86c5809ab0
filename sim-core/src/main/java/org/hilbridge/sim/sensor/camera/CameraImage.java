package org.hilbridge.sim.sensor.camera;

import org.hilbridge.sim.pool.Pool;
import org.hilbridge.sim.pool.Pooled;
import org.hilbridge.sim.scene.SemanticClass;

/**
 * One rendered image, all channels, row-major from the top-left pixel (index = v * width + u):
 * <ul>
 * <li>rgb8: 3 bytes a pixel, sRGB-encoded red, green, blue (sensor_msgs/Image encoding "rgb8");
 * <li>range: float metres from the optical centre to the surface along the pixel's ray;
 * <li>depth: float metres, z of the surface in the optical frame (what a depth image "32FC1" holds);
 * <li>semantic class: 1 byte a pixel, the {@link SemanticClass} id;
 * <li>normal: 3 floats a pixel, the surface's outward unit normal in the optical frame (x right, y down,
 * z forward).
 * </ul>
 * Where no surface is within range: range and depth +infinity, normal (0, 0, 0), class sky or unlabeled,
 * colour the sky's (see {@link CameraRenderer}).
 *
 * <p>Immutable by contract: the {@code *Data()} accessors return the backing arrays themselves, without a
 * copy, so transports can serialise them straight from here; consumers must not modify them. The per-pixel
 * accessors are the safe way to read.
 *
 * <p>An image from a {@link CameraImagePool} is reference counted ({@link #retain()}, {@link #release()}: a
 * {@link Pooled}); the rule every holder follows is in {@link CameraFrame}'s documentation. A new image (not
 * pooled) ignores both.
 */
public final class CameraImage extends Pooled<CameraImage> {
    private final int width;
    private final int height;
    final byte[] rgb;
    final float[] range;
    final float[] depth;
    final byte[] semanticClass;
    final float[] normal;

    CameraImage(int width, int height, byte[] rgb, float[] range, float[] depth, byte[] semanticClass, float[] normal) {
        this(width, height, rgb, range, depth, semanticClass, normal, null);
    }

    /** The arrays of {@code fresh} (a new image no one else has seen), belonging to {@code pool}. */
    CameraImage(CameraImage fresh, Pool<CameraImage> pool) {
        this(fresh.width, fresh.height, fresh.rgb, fresh.range, fresh.depth, fresh.semanticClass, fresh.normal, pool);
    }

    private CameraImage(int width, int height, byte[] rgb, float[] range, float[] depth, byte[] semanticClass, float[] normal,
                        Pool<CameraImage> pool) {
        super(pool);
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.range = range;
        this.depth = depth;
        this.semanticClass = semanticClass;
        this.normal = normal;
    }

    @Override
    protected String describe() {
        return "camera image " + width + " x " + height + " (CameraFrame's ownership rule)";
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code channel} (0 red, 1 green, 2 blue) of pixel (u, v), 0 to 255. */
    public int rgb(int u, int v, int channel) {
        if (channel < 0 || channel > 2) {
            throw new IllegalArgumentException("rgb channel " + channel + " is not allowed: it must be 0 (red), 1 (green) or 2 (blue)");
        }
        return rgb[3 * index(u, v) + channel] & 0xFF;
    }

    public float rangeM(int u, int v) {
        return range[index(u, v)];
    }

    public float depthM(int u, int v) {
        return depth[index(u, v)];
    }

    public int semanticClassId(int u, int v) {
        return semanticClass[index(u, v)];
    }

    public SemanticClass semanticClass(int u, int v) {
        return SemanticClass.ofId(semanticClassId(u, v));
    }

    /** Component {@code axis} (0 x, 1 y, 2 z) of the optical-frame normal at pixel (u, v). */
    public float normal(int u, int v, int axis) {
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("normal axis " + axis + " is not allowed: it must be 0 (x), 1 (y) or 2 (z)");
        }
        return normal[3 * index(u, v) + axis];
    }

    /** The rgb8 bytes, 3 * width * height; the backing array: do not modify. */
    public byte[] rgbData() {
        return rgb;
    }

    /** Range per pixel, metres; the backing array: do not modify. */
    public float[] rangeData() {
        return range;
    }

    /** Depth per pixel, metres; the backing array: do not modify. */
    public float[] depthData() {
        return depth;
    }

    /** Semantic class id per pixel; the backing array: do not modify. */
    public byte[] semanticClassData() {
        return semanticClass;
    }

    /** Optical-frame normal, 3 floats per pixel; the backing array: do not modify. */
    public float[] normalData() {
        return normal;
    }

    /** Bytes held in all channels together. */
    public long byteSize() {
        return rgb.length + 4L * range.length + 4L * depth.length + semanticClass.length + 4L * normal.length;
    }

    private int index(int u, int v) {
        if (u < 0 || u >= width || v < 0 || v >= height) {
            throw new IllegalArgumentException("pixel (" + u + ", " + v + ") is outside the " + width + " x " + height + " image");
        }
        return v * width + u;
    }
}
