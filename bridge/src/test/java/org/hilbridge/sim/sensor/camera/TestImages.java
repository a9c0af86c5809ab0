package org.hilbridge.sim.sensor.camera;

import org.hilbridge.sim.sensor.SensorMount;

/**
 * Camera frames for the socket's tests, with chosen pixels (CameraImage's constructor is package-private:
 * the renderer is its only producer in the main code).
 */
public final class TestImages {
    private TestImages() {
    }

    /** A frame whose every channel is a deterministic pattern of (u, v, seed). */
    public static CameraFrame frame(String streamId, long sequence, long captureNanos, int width, int height, int seed) {
        int n = width * height;
        byte[] rgb = new byte[3 * n];
        float[] range = new float[n];
        float[] depth = new float[n];
        byte[] cls = new byte[n];
        float[] normal = new float[3 * n];
        for (int i = 0; i < n; i++) {
            rgb[3 * i] = (byte) (i + seed);
            rgb[3 * i + 1] = (byte) (i >> 8);
            rgb[3 * i + 2] = (byte) (seed * 31 + i / 7);
            depth[i] = (i % 97) * 0.25f + seed;
            range[i] = depth[i] * 1.01f;
            cls[i] = (byte) (i % 11);
            normal[3 * i + 2] = -1;
        }
        CameraImage image = new CameraImage(width, height, rgb, range, depth, cls, normal);
        CameraInfoData info = CameraInfoData.of(CameraParams.fromFieldOfView(width, height, 90));
        return new CameraFrame(streamId, sequence, captureNanos, streamId + "_optical", image, info);
    }

    public static CameraInfoData info(int width, int height) {
        return CameraInfoData.of(CameraParams.fromFieldOfView(width, height, 90));
    }

    public static SensorMount mount() {
        return new SensorMount(1.0, 0, 1.2, 0, 0, 0);
    }
}
