package org.hilbridge.augment.gate;

/**
 * What the grounding gate demands of a frame (scenario keys augment.gate.*), and how it measures.
 *
 * @param minEdgeF1         edge F1 against the raw frame at or above this, 0 to 1
 * @param minBlurSsim       mean blur-SSIM at or above this, -1 to 1 (SSIM falls under fog and exposure changes too:
 *                          keep it low)
 * @param minStructure      blur structure (variance-weighted local correlation) at or above this, -1 to 1
 * @param minWorstTileStructure every tile's structure at or above this, -1 to 1
 * @param minBoundaryRecall semantic-boundary recall at or above this, 0 to 1
 * @param edgeTolerancePx   an edge counts as kept when the other image has one within this many pixels (Chebyshev) of the
 *                          half-resolution image the gate works on (1: 2 pixels of the frame), 0 to 4
 * @param blurSigmaPx       Gaussian blur before SSIM, pixels, &gt;= 0
 * @param tiles             tiles across and down for the worst-tile SSIM, 1 to 16
 */
public record GateThresholds(double minEdgeF1, double minBlurSsim, double minStructure, double minWorstTileStructure, double minBoundaryRecall,
                             int edgeTolerancePx, double blurSigmaPx, int tiles) {
    /**
     * For learned backends, which can move or invent geometry: calibrated on renders of sim-core's off-road
     * scenery so that a 3-pixel shift and a painted object fail while exposure, colour, moderate weather, noise
     * and compression pass (GroundingGateTest, OnnxBackendTest).
     */
    public static final GateThresholds DEFAULT = new GateThresholds(0.25, 0.3, 0.8, 0.55, 0.6, 1, 1.0, 4);
    /**
     * For the physically based backend, which computes each pixel from the render's own pixel and geometry and
     * cannot move it: no threshold (every score at its lowest value passes; the scores are still measured and
     * published with every frame). Thick fog and night rightly erase edges and texture, and relighting under
     * overcast replaces sun shading by sky shading (on snow the local correlation even turns negative), which
     * image-based thresholds cannot tell from lost geometry.
     */
    public static final GateThresholds PHYSICAL = new GateThresholds(0, -1, -1, -1, 0, 1, 1.0, 4);

    public GateThresholds {
        inRange("augment.gate.min_edge_f1", minEdgeF1, 0, 1);
        inRange("augment.gate.min_blur_ssim", minBlurSsim, -1, 1);
        inRange("augment.gate.min_structure", minStructure, -1, 1);
        inRange("augment.gate.min_worst_tile_structure", minWorstTileStructure, -1, 1);
        inRange("augment.gate.min_boundary_recall", minBoundaryRecall, 0, 1);
        inRange("augment.gate.edge_tolerance_px", edgeTolerancePx, 0, 4);
        inRange("augment.gate.blur_sigma_px", blurSigmaPx, 0, 16);
        inRange("augment.gate.tiles", tiles, 1, 16);
    }

    private static void inRange(String key, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + " = " + v + " is not allowed: it must be in [" + min + ", " + max + "]");
        }
    }
}
