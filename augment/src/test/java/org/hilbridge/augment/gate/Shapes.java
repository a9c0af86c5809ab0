package org.hilbridge.augment.gate;

/** Negative controls for the gate: geometry moved or painted over (what a hallucinating model does). */
public final class Shapes {
    private Shapes() {
    }

    /** The image moved {@code px} pixels to the right (the left columns repeat the first; a negative px moves it left). */
    public static byte[] shift(byte[] rgb, int w, int h, int px) {
        byte[] out = new byte[rgb.length];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int src = Math.min(w - 1, Math.max(0, u - px));
                System.arraycopy(rgb, 3 * (v * w + src), out, 3 * (v * w + u), 3);
            }
        }
        return out;
    }

    /** The image moved {@code px} pixels down (the top rows repeat the first). */
    public static byte[] shiftDown(byte[] rgb, int w, int h, int px) {
        byte[] out = new byte[rgb.length];
        for (int v = 0; v < h; v++) {
            System.arraycopy(rgb, 3 * Math.max(0, v - px) * w, out, 3 * v * w, 3 * w);
        }
        return out;
    }

    /** A filled disc of one colour painted over the image. */
    public static byte[] blob(byte[] rgb, int w, int h, double cu, double cv, double radius, int r, int g, int b) {
        byte[] out = rgb.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                if ((u - cu) * (u - cu) + (v - cv) * (v - cv) <= radius * radius) {
                    int o = 3 * (v * w + u);
                    out[o] = (byte) r;
                    out[o + 1] = (byte) g;
                    out[o + 2] = (byte) b;
                }
            }
        }
        return out;
    }
}
