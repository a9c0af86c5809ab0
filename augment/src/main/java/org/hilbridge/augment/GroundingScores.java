package org.hilbridge.augment;

/**
 * How well an augmented frame keeps the raw render's geometry (see org.hilbridge.augment.gate.GroundingGate):
 * each score 0 (nothing kept) to 1 (all kept); NaN when not measured (late or failed frames).
 *
 * @param edgeF1           F1 of the augmented image's edges against the raw image's, within the gate's tolerance
 * @param blurSsim         mean SSIM of the Gaussian-blurred luminances
 * @param structure        variance-weighted local correlation of the blurred luminances (appearance-invariant), at most
 *                         the edges' alignment (below 1 where the edges match better after a whole-frame move)
 * @param worstTileStructure the lowest structure of the gate's tiles (a local change shows here first), at most the
 *                         lowest share of a tile's strong colour contours that the raw image explains (a painted object)
 * @param boundaryRecall   of the semantic-label boundaries that are edges in the raw image, the share that are still
 *                         edges in the augmented one
 */
public record GroundingScores(double edgeF1, double blurSsim, double structure, double worstTileStructure, double boundaryRecall) {
    public static final GroundingScores NOT_MEASURED = new GroundingScores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
