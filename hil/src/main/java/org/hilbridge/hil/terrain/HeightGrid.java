package org.hilbridge.hil.terrain;

/**
 * Heights read from a file, before they become a terrain: samples row-major with row 0 at the south
 * (lowest y), as {@link org.hilbridge.sim.terrain.HeightField} stores them.
 *
 * @param originXM world x of sample (0, 0), or NaN to centre the grid on the origin
 * @param originYM world y of sample (0, 0), or NaN to centre the grid on the origin
 */
public record HeightGrid(int columns, int rows, double cellSizeM, double originXM, double originYM, float[] heightsM) {
}
