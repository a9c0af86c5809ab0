package org.hilbridge.hil.runner;

/**
 * What became of one camera's frames in a run's augmentation stage (issue 9): how many went out augmented,
 * and how many went out raw because the grounding gate rejected them, they missed their deadline (realtime
 * pacing only) or the backend failed.
 *
 * @param streamId      the camera
 * @param discipline    {@link #REALTIME} (off the simulation thread, a deadline per frame) or {@link #SYNCHRONOUS}
 *                      (fast and lockstep: every result waited for)
 * @param deadlineNanos the per-frame deadline, wall ns (0 when synchronous: there is none)
 */
public record AugmentSummary(String streamId, String discipline, long deadlineNanos, long augmented, long rejected, long late, long failed) {
    public static final String REALTIME = "realtime";
    public static final String SYNCHRONOUS = "synchronous";

    public long frames() {
        return augmented + rejected + late + failed;
    }

    /** Share of the frames sent raw because they missed their deadline (0 when there were none). */
    public double deadlineMissRate() {
        long n = frames();
        return n == 0 ? 0 : (double) late / n;
    }
}
