package org.hilbridge.augment.photometric;

/**
 * Things drawn in front of the scene (rain streaks, snow flakes) composited over it later, in the pass that
 * reads the scene: per touched pixel the transmitted share K = product of (1 - alpha_i) and the added
 * radiance A, built by the "over" operator layer by layer (A' = A (1 - a) + a R, K' = K (1 - a); Porter and
 * Duff, "Compositing digital images", SIGGRAPH 1984), so the scene L becomes L K + A. Only touched pixels
 * hold values; they are listed so clearing costs nothing for the rest.
 */
final class Overlay {
    private byte[] touched = new byte[0];
    private float[] keep = new float[0];
    private float[] add = new float[0];
    private int[] list = new int[1024];
    private int count;

    void reset(int pixels) {
        if (touched.length != pixels) {
            touched = new byte[pixels];
            keep = new float[pixels];
            add = new float[pixels];
            count = 0;
            return;
        }
        for (int i = 0; i < count; i++) {
            touched[list[i]] = 0;
        }
        count = 0;
    }

    void over(int p, float alpha, float radiance) {
        if (touched[p] == 0) {
            touched[p] = 1;
            keep[p] = 1;
            add[p] = 0;
            if (count == list.length) {
                list = java.util.Arrays.copyOf(list, 2 * count);
            }
            list[count++] = p;
        }
        add[p] = add[p] * (1 - alpha) + alpha * radiance;
        keep[p] *= 1 - alpha;
    }

    boolean touched(int p) {
        return touched[p] != 0;
    }

    float keep(int p) {
        return keep[p];
    }

    float add(int p) {
        return add[p];
    }

    boolean isEmpty() {
        return count == 0;
    }
}
