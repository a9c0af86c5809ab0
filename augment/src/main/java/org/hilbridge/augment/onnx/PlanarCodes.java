package org.hilbridge.augment.onnx;

import org.hilbridge.augment.VectorApi;

/**
 * rgb8 codes between the frame's interleaved layout (NHWC) and three planes (NCHW), for a uint8 NCHW tensor: with the
 * Vector API ({@link PlaneVector}) where this JVM has it, else a plain loop per pixel. The planes are one array, plane c
 * at offset c n, so that it goes to and from ONNX Runtime's direct buffer in one bulk copy.
 */
final class PlanarCodes {
    private final boolean vector;

    /** @param vector use {@link PlaneVector} (only where {@link #vectorApiUsable}) */
    PlanarCodes(boolean vector) {
        if (vector && !vectorApiUsable()) {
            throw new IllegalStateException("the Vector API path was asked for, but this JVM lacks module jdk.incubator.vector or 256-bit vectors");
        }
        this.vector = vector;
    }

    /**
     * Whether this JVM can run {@link PlaneVector}: started with {@code --add-modules jdk.incubator.vector} (the module
     * is in the boot layer; without it PlaneVector's class must not be initialised) and vectors of 32 bytes or more.
     * The same test as the photometric chain's (photometric.SceneRow.vectorApiUsable).
     */
    static boolean vectorApiUsable() {
        return VectorApi.present() && PlaneVector.wideEnough();
    }

    boolean vector() {
        return vector;
    }

    /** planes[c n + p] = rgb[3 p + c] for the n pixels. */
    void split(byte[] rgb, byte[] planes, int n) {
        if (vector) {
            PlaneVector.split(rgb, planes, n);
            return;
        }
        for (int p = 0; p < n; p++) {
            planes[p] = rgb[3 * p];
            planes[n + p] = rgb[3 * p + 1];
            planes[2 * n + p] = rgb[3 * p + 2];
        }
    }

    /** rgb[3 p + c] = planes[c n + p] for the n pixels. */
    void merge(byte[] planes, byte[] rgb, int n) {
        if (vector) {
            PlaneVector.merge(planes, rgb, n);
            return;
        }
        for (int p = 0; p < n; p++) {
            rgb[3 * p] = planes[p];
            rgb[3 * p + 1] = planes[n + p];
            rgb[3 * p + 2] = planes[2 * n + p];
        }
    }
}
