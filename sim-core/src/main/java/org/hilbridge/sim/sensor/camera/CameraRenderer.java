package org.hilbridge.sim.sensor.camera;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SemanticClass;

/**
 * Renders a {@link Scene} through a {@link CameraModel}: for every pixel, in one pass, the colour (rgb8), the
 * range and depth of the surface seen, its semantic class and its normal in the optical frame.
 *
 * <h2>Technique</h2>
 * Visibility is decided per pixel along the pixel's own ray (the precomputed, undistorted ray of
 * {@link CameraModel}), so every channel is exact for every pixel and distortion costs nothing extra:
 * <ul>
 * <li>Terrain: the height field drawn as two triangles per cell through its samples (the physics' bilinear
 * patch, split along the cell's diagonal; identical on planes, within a quarter of the cell's twist
 * elsewhere), rasterized in homogeneous coordinates (Olano and Greer, "Triangle scan conversion using 2D
 * homogeneous coordinates", Graphics Hardware 1997). An edge function is the plane through the camera centre
 * and an edge, E(r) = (a x b) . r, evaluated on the pixel's ray r = (x', y', 1); a pixel is inside when all
 * three are non-negative, and 1 / depth = (E0 + E1 + E2) / det[a, b, c]. Triangles that reach behind the camera
 * need no clipping. Shared edges get exactly negated edge functions (a x b = -(b x a) in IEEE arithmetic) and a
 * tie rule on the edge normal's sign, so the mesh is watertight: no pixel falls between two triangles.
 * Only cells whose ground footprint lies in the view frustum's footprint (apex and far-plane corners) are
 * drawn; their vertices are transformed, and the cells whose bounds hold a pixel row centre listed with their
 * rows, once per frame, so the many sub-pixel cells at long range cost a few comparisons each. A triangle
 * wider than a few pixels is scanned only over the span each of its edges allows on a row.
 * <li>Terrain level of detail (default; {@code lodTolerancePx} 0 turns it off): the footprint is taken in
 * blocks of 8 x 8 cells ({@link TerrainLod}); a block whose bounding box (its cells, its lowest to highest
 * sample) is behind the near plane, beyond the far plane or beside the rays is dropped before any of its
 * vertices is transformed, and the others are drawn with cells of 1, 2, 4 or 8 fine cells a side: the coarsest
 * whose largest vertical error, projected at the block's nearest depth, is at most the tolerance (half a pixel
 * by default; geometrical mipmapping, de Boer 2000). Where a neighbour is coarser, the block's vertices on
 * the shared edge are moved onto the neighbour's edge, so that no crack opens between levels. Only the
 * geometry is coarse: the surface seen is shaded from the full height field (normals, texture, material,
 * shadows at the point hit), so a pixel differs from the full-detail frame only where the surface seen moves
 * by up to the tolerance (CameraLodTest pins this).
 * <li>Primitives (boxes, cylinders, squashed spheres): over the pixels of their projected bounds, each
 * pixel's ray is intersected exactly with the solid ({@link Solids}); a z-buffer of 1 / depth resolves
 * what is in front.
 * <li>Shading, per pixel, of what the z-buffer kept: albedo from the terrain material or the primitive's
 * {@link org.hilbridge.sim.scene.Appearance} times seeded texture variation by world position; Lambert's
 * cosine law for the sun, plus the sky's light by hemisphere lighting ((1 + n_z) / 2 of it on a surface of
 * up-component n_z; Akenine-Moeller, Haines, Hoffman, "Real-Time Rendering", 4th ed., 10.3); shadows from the
 * terrain by its horizon map ({@link TerrainShading}) and from primitives by an exact shadow ray towards the
 * sun, tested only against the primitives whose sun-swept bounds cover the point (per terrain cell, flags
 * computed once skip either test where it cannot fail); linear light encoded to sRGB (IEC 61966-2-1) through
 * a 4096-entry table.
 * </ul>
 * Why this and not per-pixel ray marching through the height field: a marched ray over 1 m cells visits tens
 * of cells before it meets the ground, several hundred nanoseconds a pixel in Java, which puts a 640 x 480
 * frame far beyond 10 ms; rasterization costs a few nanoseconds per covered pixel and tens per visible
 * triangle. Testing each pixel's own ray, rather than scanning a regular grid, keeps distortion exact for all
 * channels at the price of two table loads a pixel.
 *
 * <h2>Outputs</h2>
 * A pixel with no surface within [near, far) of depth gets the sky colour, range and depth +infinity,
 * normal (0, 0, 0), and class {@link SemanticClass#SKY} if its ray points at or above the horizon, otherwise
 * {@link SemanticClass#UNLABELED} (ground beyond the far plane or off the height field's edge). The ego vehicle
 * is not drawn. Terrain normals (shading and the normal channel) are those of the height field's bilinear
 * patch at the point seen ({@link org.hilbridge.sim.terrain.HeightField#normal}), the normals the physics and the
 * LiDAR use, rather than the triangles' faceted ones.
 *
 * <h2>Cost</h2>
 * Per frame: one pass over the frustum's blocks (culling, level) and their vertices and cells (transform, cell
 * list), one over the live triangles and primitives (rasterization), one over the pixels (shading, three
 * short passes a row: see {@code Band.shade}). The shading dominates, some 30 ns a ground pixel on one core;
 * the level of detail cuts the cells listed about sevenfold and the frame's CPU time by about a fifth on the
 * off-road course (CameraBenchmark reports both against full detail); cost grows with pixels, far less with
 * scene size.
 *
 * <h2>Determinism and threads</h2>
 * The image is split into {@code tiles} bands of rows, each rendered by one task on the executor; every
 * pixel's values are computed from the same inputs in the same order whatever band it falls in, so frames
 * are bit-identical for any thread count and any tile count. Only IEEE basic arithmetic, Math's exactly
 * specified sqrt, floor, ceil, min, max and abs, and StrictMath are used, so frames are also identical on every
 * JVM and CPU (CameraAcrossJvmsTest). One frame at a time: {@link #render} is not to be called concurrently.
 */
public final class CameraRenderer {
    static final int MISS = -1;
    static final int TERRAIN = 0;
    static final double SHADOW_BIAS_M = 0.08;
    private static final double SHADOW_OFFSET_M = 1e-3;
    /**
     * Rounding slack of the per-cell shadow flags: a point seen on a cell lies within the heights of the cell's
     * samples up to the depth buffer's float rounding (micrometres at the far plane) and within the cell up to
     * the rounding of its coordinates.
     */
    private static final double CELL_SLACK_M = 0.01;
    /** Cell flag: the terrain may shade part of the cell (its horizon level reaches its lowest sample). */
    static final byte TERRAIN_MAY_SHADE = 1;
    /** Cell flag: a solid may shade part of the cell ({@link Solids#mayShade}). */
    static final byte SOLID_MAY_SHADE = 2;
    private static final int SRGB_STEPS = 4095;
    /** Triangles wider than this many pixels are scanned row span by row span. */
    private static final double SPAN_MIN_PX = 6;

    private final CameraParams params;
    private final CameraModel model;
    private final Executor executor;
    private final int tiles;
    private final TerrainShading ground;
    private final Solids solids;
    private final int width;
    private final int height;
    private final double nearM;
    private final double farM;
    private final float nearInverse;
    private final float farInverse;
    private final double sunX;
    private final double sunY;
    private final double sunZ;
    private final boolean sunUp;
    private final boolean distorted;
    private final double fxPx;
    private final double sunRed;
    private final double sunGreen;
    private final double sunBlue;
    private final double ambientRed;
    private final double ambientGreen;
    private final double ambientBlue;
    private final byte skyRed8;
    private final byte skyGreen8;
    private final byte skyBlue8;
    private final byte[] srgb = new byte[SRGB_STEPS + 1];
    /** Fine grain: a seeded 256 x 256 tile of values in [-1, 1), repeated over the world (Texture.grainTile). */
    private final float[] grain;
    private final double inverseCellM;
    /**
     * Per terrain cell (index j * columns + i, as its first sample), which shadow tests a point on it needs:
     * most cells are sunlit past the terrain and far from every solid, and skip both.
     */
    private final byte[] cellShadows;

    // Per frame (one frame at a time); scratch kept so that a frame allocates only its image.
    private final Vec3 scratchAxis = new Vec3();
    private final double[] hullX = new double[5];
    private final double[] hullY = new double[5];
    private final double[] cornerScratch = new double[24];
    private final double[] boundsScratch = new double[4];
    private final float[] inverseDepth;
    private final int[] hit;
    private final Band[] bands;
    private double camX;
    private double camY;
    private double camZ;
    /** Optical-frame axes in the world: columns of the optical-to-world rotation. */
    private double ax0;
    private double ax1;
    private double ax2;
    private double ay0;
    private double ay1;
    private double ay2;
    private double az0;
    private double az1;
    private double az2;
    // Terrain cells in view: cell rows cellRow0 .. cellRow1, columns cellStart[j] .. cellEnd[j] (absolute).
    private int cellRow0;
    private int cellRow1;
    private final int[] cellStart;
    private final int[] cellEnd;
    // Vertices of those cells, optical frame, on a local grid from (gridI0, gridJ0) with gridStride columns.
    private int gridI0;
    private int gridJ0;
    private int gridStride;
    private double[] vx = new double[0];
    private double[] vy = new double[0];
    private double[] vz = new double[0];
    private double[] vu = new double[0];
    private double[] vv = new double[0];
    // The cells of row j that may cover a pixel: entries liveStart[j] .. liveStart[j] + liveCount[j] - 1.
    private final int[] liveStart;
    private final int[] liveCount;
    private int[] liveCell = new int[0];
    private int[] liveRowA = new int[0];
    private int[] liveRowB = new int[0];
    // Primitives in view and their bounds on the normalized image plane.
    private int visibleCount;
    private final int[] visible;
    private final double[] visibleBounds;
    // Level of detail (null lod: every cell at full detail, the path above). Per block, the frame it was last
    // chosen in and its level then (-1: culled); the blocks of block row bj considered are lodColumn0[bj] ..
    // lodColumn1[bj], their live cells entries lodSegment * (bj - lodRow0) onwards, lodCount[bj - lodRow0] of them.
    private final TerrainLod lod;
    private final double lodTolerancePx;
    private final double lodPixelsPerMetre;
    private final int[] blockFrame;
    private final byte[] blockLevel;
    private int frame;
    /** Whether this frame renders into an image that holds an earlier frame. */
    private boolean reusedImage;
    private int lodRow0;
    private int lodRow1;
    private final int[] lodColumn0;
    private final int[] lodColumn1;
    private int lodSegment;
    private int[] lodCount = new int[0];
    private int[] liveStep = new int[0];

    /**
     * Precomputes the camera's rays and the scene's lighting (terrain horizon map, texture, shadow index); this
     * takes a fraction of a second for a 1 km^2 height field at 1 m and runs on {@code executor}.
     *
     * @param tiles number of bands of rows the image is split into, 1 to heightPx; more bands than threads balance
     *              the load (the sky is cheaper than the ground)
     */
    public CameraRenderer(CameraParams params, Scene scene, Executor executor, int tiles) {
        this(params, scene, executor, tiles, DEFAULT_LOD_TOLERANCE_PX);
    }

    /**
     * Default terrain level-of-detail tolerance: a block of terrain is drawn coarser only where the coarse mesh
     * lies within half a pixel of the full one in the image ({@link TerrainLod}).
     */
    public static final double DEFAULT_LOD_TOLERANCE_PX = 0.5;

    /**
     * As {@link #CameraRenderer(CameraParams, Scene, Executor, int)}, with the terrain's level-of-detail
     * tolerance: blocks of 8 x 8 cells are drawn with cells of 2, 4 or 8 fine cells a side where the coarse mesh's
     * vertical error, projected at the block's nearest depth, is at most {@code lodTolerancePx} pixels; 0 draws
     * every cell (full detail).
     */
    public CameraRenderer(CameraParams params, Scene scene, Executor executor, int tiles, double lodTolerancePx) {
        if (!(lodTolerancePx >= 0) || !Double.isFinite(lodTolerancePx)) {
            throw new IllegalArgumentException("camera.lod_tolerance_px = " + lodTolerancePx + " is not allowed: it must be a finite number >= 0 (0: full detail)");
        }
        this.params = Objects.requireNonNull(params, "camera params");
        Objects.requireNonNull(scene, "scene");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (tiles < 1 || tiles > params.heightPx()) {
            throw new IllegalArgumentException("camera tiles = " + tiles + " is not allowed: it must be in [1, camera.height_px = " + params.heightPx() + "]");
        }
        this.tiles = tiles;
        this.model = new CameraModel(params);
        this.distorted = model.isDistorted();
        this.fxPx = params.fxPx();
        this.width = params.widthPx();
        this.height = params.heightPx();
        this.nearM = params.nearM();
        this.farM = params.farM();
        this.nearInverse = (float) (1 / nearM);
        this.farInverse = (float) (1 / farM);

        CameraParams.Lighting light = params.lighting();
        // Azimuth is a compass bearing (clockwise from north = +y); ENU x is east.
        double az = StrictMath.toRadians(light.sunAzimuthDeg());
        double el = StrictMath.toRadians(light.sunElevationDeg());
        double cosEl = StrictTrig.cos(el);
        sunX = StrictTrig.sin(az) * cosEl;
        sunY = StrictTrig.cos(az) * cosEl;
        sunZ = StrictTrig.sin(el);
        sunUp = sunZ > 0;
        sunRed = light.sunRgb().red();
        sunGreen = light.sunRgb().green();
        sunBlue = light.sunRgb().blue();
        ambientRed = light.ambient() * light.skyRgb().red();
        ambientGreen = light.ambient() * light.skyRgb().green();
        ambientBlue = light.ambient() * light.skyRgb().blue();
        for (int i = 0; i <= SRGB_STEPS; i++) {
            double c = i / (double) SRGB_STEPS;
            // sRGB transfer function, IEC 61966-2-1:1999.
            double e = c <= 0.0031308 ? 12.92 * c : 1.055 * StrictMath.pow(c, 1 / 2.4) - 0.055;
            srgb[i] = (byte) Math.round(e * 255);
        }
        skyRed8 = encode(light.skyRgb().red());
        skyGreen8 = encode(light.skyRgb().green());
        skyBlue8 = encode(light.skyRgb().blue());
        grain = Texture.grainTile(Texture.mix(params.textureSeed() ^ 0x677261696EL));

        if (scene.terrain().columns() > (1 << 20) || scene.terrain().rows() > (1 << 20)) {
            throw new IllegalArgumentException("height field of " + scene.terrain().columns() + " x " + scene.terrain().rows()
                    + " samples is not allowed for a camera: at most 1048576 a side");
        }
        ground = new TerrainShading(scene.terrain(), sunX, sunY, sunZ, params.textureSeed(), executor, tiles);
        solids = new Solids(scene.primitives(), sunX, sunY, sunZ, ground);
        inverseCellM = 1 / ground.cellM;
        cellShadows = cellShadows(executor, tiles);
        cellStart = new int[ground.rows - 1];
        cellEnd = new int[ground.rows - 1];
        liveStart = new int[ground.rows - 1];
        liveCount = new int[ground.rows - 1];
        visible = new int[solids.count];
        visibleBounds = new double[4 * solids.count];
        this.lodTolerancePx = lodTolerancePx;
        if (lodTolerancePx > 0) {
            lod = new TerrainLod(ground.heights, ground.columns, ground.rows);
            double extent = Math.max(Math.max(Math.abs(model.minRayX), Math.abs(model.maxRayX)), Math.max(Math.abs(model.minRayY), Math.abs(model.maxRayY)));
            lodPixelsPerMetre = Math.max(params.fxPx(), params.fyPx()) * (1 + extent);
            blockFrame = new int[lod.blockColumns * lod.blockRows];
            blockLevel = new byte[lod.blockColumns * lod.blockRows];
            lodColumn0 = new int[lod.blockRows];
            lodColumn1 = new int[lod.blockRows];
        } else {
            lod = null;
            lodPixelsPerMetre = 0;
            blockFrame = null;
            blockLevel = null;
            lodColumn0 = null;
            lodColumn1 = null;
        }

        inverseDepth = new float[width * height];
        hit = new int[width * height];
        bands = new Band[tiles];
        for (int t = 0; t < tiles; t++) {
            bands[t] = new Band(height * t / tiles, height * (t + 1) / tiles);
        }
    }

    /** The flags of {@link #cellShadows}, computed once: a cell's work is a few loads and comparisons. */
    private byte[] cellShadows(Executor executor, int tasks) {
        TerrainShading g = ground;
        byte[] flags = new byte[g.columns * g.rows];
        float[] d = g.samples;
        final int stride = TerrainShading.STRIDE;
        final int lv = TerrainShading.LEVEL;
        int cellRows = g.rows - 1;
        int chunks = Math.max(1, Math.min(tasks, cellRows));
        Fanout.run(executor, chunks, t -> {
            for (int j = cellRows * t / chunks; j < cellRows * (t + 1) / chunks; j++) {
                for (int i = 0; i + 1 < g.columns; i++) {
                    int s00 = stride * (j * g.columns + i);
                    int s10 = s00 + stride;
                    int s01 = s00 + stride * g.columns;
                    int s11 = s01 + stride;
                    double lowest = Math.min(Math.min(d[s00], d[s10]), Math.min(d[s01], d[s11]));
                    double level = Math.max(Math.max(d[s00 + lv], d[s10 + lv]), Math.max(d[s01 + lv], d[s11 + lv]));
                    byte f = 0;
                    // Sunlit past the terrain needs hz >= level - bias; on the cell hz >= lowest - slack and the
                    // interpolated level <= the highest corner level (+ rounding, inside the slack).
                    if (!(level - SHADOW_BIAS_M + CELL_SLACK_M < lowest - CELL_SLACK_M)) {
                        f |= TERRAIN_MAY_SHADE;
                    }
                    double x0 = g.originXM + i * g.cellM;
                    double y0 = g.originYM + j * g.cellM;
                    if (solids.mayShade(x0 - CELL_SLACK_M, y0 - CELL_SLACK_M, x0 + g.cellM + CELL_SLACK_M, y0 + g.cellM + CELL_SLACK_M)) {
                        f |= SOLID_MAY_SHADE;
                    }
                    flags[j * g.columns + i] = f;
                }
            }
        });
        return flags;
    }

    /** The shadow flags of terrain cell (i, j) (for tests). */
    int cellShadowFlags(int i, int j) {
        return cellShadows[j * ground.columns + i];
    }

    /** How many terrain cells the last frame listed for rasterization (for tests). */
    int listedCells() {
        int cells = 0;
        if (cellRow1 < cellRow0) {
            return 0;
        }
        if (lod != null) {
            for (int bj = lodRow0; bj <= lodRow1; bj++) {
                cells += lodCount[bj - lodRow0];
            }
        } else {
            for (int j = cellRow0; j <= cellRow1; j++) {
                cells += liveCount[j];
            }
        }
        return cells;
    }

    /** The ground as shading sees it (for tests). */
    TerrainShading ground() {
        return ground;
    }

    /** The solids and their sun index (for tests). */
    Solids solids() {
        return solids;
    }

    /** The terrain's level-of-detail tolerance, px (0: full detail). */
    public double lodTolerancePx() {
        return lodTolerancePx;
    }

    public CameraParams params() {
        return params;
    }

    public CameraModel model() {
        return model;
    }

    private byte encode(double linear) {
        // (int) of NaN is 0 and of a huge value Integer.MAX_VALUE: the clamp covers every input.
        int i = (int) (linear * SRGB_STEPS + 0.5);
        return srgb[Math.max(0, Math.min(SRGB_STEPS, i))];
    }

    /**
     * Renders the scene from a camera at {@code positionM} (world, ENU) whose body frame (x forward, y left,
     * z up; the optical frame is x right = -y, y down = -z, z forward = x of it) is {@code bodyToWorld}.
     * Returns a new image; the renderer keeps no reference to it.
     */
    public CameraImage render(Vec3 positionM, Rotation bodyToWorld) {
        return render(positionM, bodyToWorld, newImage(), false);
    }

    /**
     * As {@link #render(Vec3, Rotation)}, into {@code into} (from {@link #newImage}, of this renderer's size):
     * every value of every channel is overwritten, so the frame is the same as in a new image. Saves the
     * allocation and zeroing of a new image per frame (7.4 MB at 640 x 480, about 0.3 ms of the rendering
     * thread; README "Camera renderer cost"). The caller must own {@code into} alone: nobody may still read
     * an image that is rendered into again (CameraImage is immutable by contract to its readers).
     *
     * @return {@code into}
     */
    public CameraImage render(Vec3 positionM, Rotation bodyToWorld, CameraImage into) {
        Objects.requireNonNull(into, "image");
        if (into.width() != width || into.height() != height) {
            throw new IllegalArgumentException("image of " + into.width() + " x " + into.height() + " px is not allowed: this camera renders "
                    + width + " x " + height + " px (camera.width_px, camera.height_px)");
        }
        return render(positionM, bodyToWorld, into, true);
    }

    private CameraImage render(Vec3 positionM, Rotation bodyToWorld, CameraImage into, boolean reused) {
        reusedImage = reused;
        camX = positionM.x;
        camY = positionM.y;
        camZ = positionM.z;
        Vec3 axis = scratchAxis;
        bodyToWorld.axis(1, axis);
        ax0 = -axis.x;
        ax1 = -axis.y;
        ax2 = -axis.z;
        bodyToWorld.axis(2, axis);
        ay0 = -axis.x;
        ay1 = -axis.y;
        ay2 = -axis.z;
        bodyToWorld.axis(0, axis);
        az0 = axis.x;
        az1 = axis.y;
        az2 = axis.z;

        CameraImage image = into;
        findTerrainCells();
        int vertexRows = cellRow1 >= cellRow0 ? cellRow1 - cellRow0 + 2 : 0;
        if (lod != null) {
            if (vertexRows > 0) {
                chooseBlocks();
                int blockRows = lodRow1 - lodRow0 + 1;
                int chunks = Math.min(tiles, blockRows);
                Fanout.run(executor, chunks, t -> listBlocks(lodRow0 + blockRows * t / chunks, lodRow0 + blockRows * (t + 1) / chunks));
            }
        } else if (vertexRows > 0) {
            int chunks = Math.min(tiles, vertexRows);
            Fanout.run(executor, chunks, t -> transformVertices(gridJ0 + vertexRows * t / chunks, gridJ0 + vertexRows * (t + 1) / chunks));
            int cellRows = cellRow1 - cellRow0 + 1;
            int cellChunks = Math.min(tiles, cellRows);
            Fanout.run(executor, cellChunks, t -> findLiveCells(cellRow0 + cellRows * t / cellChunks, cellRow0 + cellRows * (t + 1) / cellChunks));
        }
        findVisibleSolids();
        Fanout.run(executor, tiles, t -> bands[t].render(image));
        return image;
    }

    /** An image of this renderer's size for {@link #render(Vec3, Rotation, CameraImage)}. */
    public CameraImage newImage() {
        int n = width * height;
        return new CameraImage(width, height, new byte[3 * n], new float[n], new float[n], new byte[n], new float[3 * n]);
    }

    // ---- Frame setup -------------------------------------------------------------------------------------

    /** The cells whose footprint meets the view frustum's footprint, as per-row column ranges. */
    private void findTerrainCells() {
        // Footprint of the frustum: the convex hull of the camera centre and the four far-plane corners.
        double[] hx = hullX;
        double[] hy = hullY;
        hx[0] = camX;
        hy[0] = camY;
        int k = 1;
        for (int cy = 0; cy < 2; cy++) {
            for (int cx = 0; cx < 2; cx++) {
                double x = cx == 0 ? model.minRayX : model.maxRayX;
                double y = cy == 0 ? model.minRayY : model.maxRayY;
                hx[k] = camX + farM * (ax0 * x + ay0 * y + az0);
                hy[k] = camY + farM * (ax1 * x + ay1 * y + az1);
                k++;
            }
        }
        double yLo = Double.MAX_VALUE;
        double yHi = -Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            yLo = Math.min(yLo, hy[i]);
            yHi = Math.max(yHi, hy[i]);
        }
        TerrainShading g = ground;
        int lastCell = g.rows - 2;
        int row0 = Math.max(0, (int) Math.floor((yLo - g.originYM) / g.cellM) - 1);
        int row1 = Math.min(lastCell, (int) Math.floor((yHi - g.originYM) / g.cellM) + 1);
        cellRow0 = row0;
        cellRow1 = row0 - 1;
        int i0 = Integer.MAX_VALUE;
        int i1 = Integer.MIN_VALUE;
        for (int j = row0; j <= row1; j++) {
            double ya = g.originYM + j * g.cellM;
            double yb = ya + g.cellM;
            double xLo = Double.MAX_VALUE;
            double xHi = -Double.MAX_VALUE;
            // The hull's extent in the strip: every segment between two of the five points, clipped to it
            // (hull edges among them; the others lie inside the hull).
            for (int a = 0; a < 5; a++) {
                for (int b = a; b < 5; b++) {
                    double y0 = hy[a];
                    double y1 = hy[b];
                    double x0 = hx[a];
                    double x1 = hx[b];
                    double lo = Math.min(y0, y1);
                    double hi = Math.max(y0, y1);
                    if (hi < ya || lo > yb) {
                        continue;
                    }
                    if (y1 == y0) {
                        xLo = Math.min(xLo, Math.min(x0, x1));
                        xHi = Math.max(xHi, Math.max(x0, x1));
                        continue;
                    }
                    double ta = Math.max(0, Math.min(1, (ya - y0) / (y1 - y0)));
                    double tb = Math.max(0, Math.min(1, (yb - y0) / (y1 - y0)));
                    double xa = x0 + ta * (x1 - x0);
                    double xb = x0 + tb * (x1 - x0);
                    xLo = Math.min(xLo, Math.min(xa, xb));
                    xHi = Math.max(xHi, Math.max(xa, xb));
                }
            }
            int start = Integer.MAX_VALUE;
            int end = Integer.MIN_VALUE;
            if (xLo <= xHi) {
                start = Math.max(0, (int) Math.floor((xLo - g.originXM) / g.cellM) - 1);
                end = Math.min(g.columns - 2, (int) Math.floor((xHi - g.originXM) / g.cellM) + 1);
            }
            if (start > end) {
                start = 1;
                end = 0;
            } else {
                if (cellRow1 < cellRow0) {
                    cellRow0 = j;
                }
                cellRow1 = j;
                i0 = Math.min(i0, start);
                i1 = Math.max(i1, end);
            }
            cellStart[j] = start;
            cellEnd[j] = end;
        }
        if (cellRow1 < cellRow0) {
            return;
        }
        gridI0 = i0;
        gridJ0 = cellRow0;
        gridStride = i1 - i0 + 2;
        int vertices = gridStride * (cellRow1 - cellRow0 + 2);
        ensureVertexCapacity(vertices);
        int cells = 0;
        for (int j = cellRow0; j <= cellRow1; j++) {
            liveStart[j] = cells;
            cells += Math.max(0, cellEnd[j] - cellStart[j] + 1);
        }
        ensureLiveCapacity(cells);
    }

    /**
     * For cell rows [j0, j1): the cells that may cover a pixel centre, with the image rows they may cover, in
     * column order ({@link #listCell}).
     */
    private void findLiveCells(int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            int base = (j - gridJ0) * gridStride - gridI0;
            int e = liveStart[j];
            for (int i = cellStart[j]; i <= cellEnd[j]; i++) {
                if (listCell(base + i, 1, e)) {
                    e++;
                }
            }
            liveCount[j] = e - liveStart[j];
        }
    }

    /**
     * Lists the cell of {@code step} x {@code step} grid cells whose first vertex is {@code v00} as entry
     * {@code e} if it may cover a pixel centre, with the image rows it may cover; a cell reaching behind the
     * near plane is listed as -(v00 + 1), over every row. Returns whether it was listed.
     */
    private boolean listCell(int v00, int step, int e) {
        int v10 = v00 + step;
        int v01 = v00 + step * gridStride;
        int v11 = v01 + step;
        double z00 = vz[v00];
        double z10 = vz[v10];
        double z01 = vz[v01];
        double z11 = vz[v11];
        double zLo = Math.min(Math.min(z00, z10), Math.min(z01, z11));
        double zHi = Math.max(Math.max(z00, z10), Math.max(z01, z11));
        if (zHi < nearM || zLo >= farM) {
            return false;
        }
        if (zLo >= nearM) {
            // Wholly in front of the near plane: dropped at once if no pixel row centre is in its bounds.
            double yLo = Math.min(Math.min(vv[v00], vv[v10]), Math.min(vv[v01], vv[v11]));
            double yHi = Math.max(Math.max(vv[v00], vv[v10]), Math.max(vv[v01], vv[v11]));
            int rA = model.firstRow(yLo - margin(yLo));
            int rB = model.lastRow(yHi + margin(yHi));
            if (rA > rB) {
                return false;
            }
            if (!distorted) {
                // Without distortion every row's pixel columns sit at the same x': a cell between two
                // columns covers no pixel (most of the sub-pixel cells at long range).
                double xLo = Math.min(Math.min(vu[v00], vu[v10]), Math.min(vu[v01], vu[v11]));
                double xHi = Math.max(Math.max(vu[v00], vu[v10]), Math.max(vu[v01], vu[v11]));
                if (model.firstColumn(0, xLo - margin(xLo)) > model.lastColumn(0, xHi + margin(xHi))) {
                    return false;
                }
            }
            liveCell[e] = v00;
            liveRowA[e] = rA;
            liveRowB[e] = rB;
        } else {
            liveCell[e] = -v00 - 1;
            liveRowA[e] = 0;
            liveRowB[e] = height - 1;
        }
        liveStep[e] = step;
        return true;
    }

    /** Transforms the vertices of grid rows [j0, j1) to the optical frame, with their normalized image coordinates. */
    private void transformVertices(int j0, int j1) {
        TerrainShading g = ground;
        float[] h = g.heights;
        for (int j = j0; j < j1; j++) {
            // Vertex row j serves cell rows j - 1 and j.
            int start = Integer.MAX_VALUE;
            int end = Integer.MIN_VALUE;
            for (int cj = j - 1; cj <= j; cj++) {
                if (cj >= cellRow0 && cj <= cellRow1 && cellStart[cj] <= cellEnd[cj]) {
                    start = Math.min(start, cellStart[cj]);
                    end = Math.max(end, cellEnd[cj] + 1);
                }
            }
            double dy = g.originYM + j * g.cellM - camY;
            int base = (j - gridJ0) * gridStride - gridI0;
            for (int i = start; i <= end; i++) {
                transform(base + i, g.originXM + i * g.cellM - camX, dy, h[j * g.columns + i] - camZ);
            }
        }
    }

    /** Grid vertex v at (dx, dy, dz) from the camera (world axes): its optical-frame coordinates and projection. */
    private void transform(int v, double dx, double dy, double dz) {
        double qx = ax0 * dx + ax1 * dy + ax2 * dz;
        double qy = ay0 * dx + ay1 * dy + ay2 * dz;
        double qz = az0 * dx + az1 * dy + az2 * dz;
        vx[v] = qx;
        vy[v] = qy;
        vz[v] = qz;
        // One division: the projections only bound the pixels tested exactly (with a margin far above the
        // reciprocal's rounding).
        double inverseZ = 1 / qz;
        vu[v] = qx * inverseZ;
        vv[v] = qy * inverseZ;
    }

    // ---- Level of detail ---------------------------------------------------------------------------------

    /**
     * Level-of-detail path: the blocks of {@link TerrainLod#BLOCK} cells that meet the frustum's footprint
     * (the cell ranges of {@link #findTerrainCells}), each culled by its bounds or given its level; the vertex
     * grid and the live-cell list sized for them.
     */
    private void chooseBlocks() {
        TerrainShading g = ground;
        final int block = TerrainLod.BLOCK;
        frame++;
        lodRow0 = cellRow0 / block;
        lodRow1 = cellRow1 / block;
        int bc0 = Integer.MAX_VALUE;
        int bc1 = Integer.MIN_VALUE;
        for (int bj = lodRow0; bj <= lodRow1; bj++) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int j = Math.max(cellRow0, bj * block); j <= Math.min(cellRow1, bj * block + block - 1); j++) {
                if (cellStart[j] <= cellEnd[j]) {
                    lo = Math.min(lo, cellStart[j] / block);
                    hi = Math.max(hi, cellEnd[j] / block);
                }
            }
            lodColumn0[bj] = lo;
            lodColumn1[bj] = hi;
            for (int bi = lo; bi <= hi; bi++) {
                int b = bj * lod.blockColumns + bi;
                blockFrame[b] = frame;
                blockLevel[b] = (byte) blockLevel(b, bi, bj);
            }
            if (lo <= hi) {
                bc0 = Math.min(bc0, lo);
                bc1 = Math.max(bc1, hi);
            }
        }
        gridI0 = bc0 * block;
        gridJ0 = lodRow0 * block;
        gridStride = Math.min((bc1 + 1) * block, g.columns - 1) - gridI0 + 1;
        int vertices = gridStride * (Math.min((lodRow1 + 1) * block, g.rows - 1) - gridJ0 + 1);
        ensureVertexCapacity(vertices);
        int blockRows = lodRow1 - lodRow0 + 1;
        lodSegment = (bc1 - bc0 + 1) * block * block;
        ensureLiveCapacity(lodSegment * blockRows);
        if (lodCount.length < blockRows) {
            lodCount = new int[lod.blockRows];
        }
    }

    private void ensureVertexCapacity(int vertices) {
        if (vx.length < vertices) {
            int capacity = Math.max(vertices, vx.length + vx.length / 2);
            vx = new double[capacity];
            vy = new double[capacity];
            vz = new double[capacity];
            vu = new double[capacity];
            vv = new double[capacity];
        }
    }

    private void ensureLiveCapacity(int cells) {
        if (liveCell.length < cells) {
            int capacity = Math.max(cells, liveCell.length + liveCell.length / 2);
            liveCell = new int[capacity];
            liveRowA = new int[capacity];
            liveRowB = new int[capacity];
            liveStep = new int[capacity];
        }
    }

    /**
     * Block (bi, bj)'s level this frame, or -1 if its bounds (its cells' extent, its lowest to highest sample)
     * lie wholly behind the near plane, at or beyond the far plane, or beside the rays: the box is convex, so
     * where all its corners are in front of the camera their projections bound its image.
     */
    private int blockLevel(int b, int bi, int bj) {
        TerrainShading g = ground;
        final int block = TerrainLod.BLOCK;
        double x0 = g.originXM + bi * block * g.cellM - camX;
        double x1 = g.originXM + Math.min((bi + 1) * block, g.columns - 1) * g.cellM - camX;
        double y0 = g.originYM + bj * block * g.cellM - camY;
        double y1 = g.originYM + Math.min((bj + 1) * block, g.rows - 1) * g.cellM - camY;
        double z0 = lod.lowM[b] - camZ;
        double z1 = lod.highM[b] - camZ;
        double zLo = Double.MAX_VALUE;
        double zHi = -Double.MAX_VALUE;
        double uLo = Double.MAX_VALUE;
        double uHi = -Double.MAX_VALUE;
        double vLo = Double.MAX_VALUE;
        double vHi = -Double.MAX_VALUE;
        boolean inFront = true;
        for (int c = 0; c < 8; c++) {
            double dx = (c & 1) == 0 ? x0 : x1;
            double dy = (c & 2) == 0 ? y0 : y1;
            double dz = (c & 4) == 0 ? z0 : z1;
            double qz = az0 * dx + az1 * dy + az2 * dz;
            zLo = Math.min(zLo, qz);
            zHi = Math.max(zHi, qz);
            if (qz >= nearM) {
                double u = (ax0 * dx + ax1 * dy + ax2 * dz) / qz;
                double v = (ay0 * dx + ay1 * dy + ay2 * dz) / qz;
                uLo = Math.min(uLo, u);
                uHi = Math.max(uHi, u);
                vLo = Math.min(vLo, v);
                vHi = Math.max(vHi, v);
            } else {
                inFront = false;
            }
        }
        if (zHi < nearM || zLo >= farM) {
            return -1;
        }
        if (!inFront) {
            return 0;
        }
        if (uHi + margin(uHi) < model.minRayX || uLo - margin(uLo) > model.maxRayX || vHi + margin(vHi) < model.minRayY || vLo - margin(vLo) > model.maxRayY) {
            return -1;
        }
        return lod.level(b, zLo, lodPixelsPerMetre, lodTolerancePx);
    }

    /** Level of block (bi, bj) this frame; -1 if it is off the field, outside the footprint or culled. */
    private int neighbourLevel(int bi, int bj) {
        if (bi < 0 || bj < 0 || bi >= lod.blockColumns || bj >= lod.blockRows) {
            return -1;
        }
        int b = bj * lod.blockColumns + bi;
        return blockFrame[b] == frame ? blockLevel[b] : -1;
    }

    /**
     * For block rows [bj0, bj1): each drawn block's vertices at its level's spacing, transformed, then its
     * cells listed ({@link #listCell}). Crack-free seams: where a neighbour is coarser, this block's vertices
     * on the shared edge that the neighbour does not have are moved onto the neighbour's edge (linear between
     * its two vertices), so both sides draw the same line (T-junctions on a straight edge; de Boer 2000, 2.3).
     * Every block writes all its own vertices; a vertex two blocks share gets the same value from both (block
     * corners and the coarse side's vertices are never moved), so the blocks of different tasks agree.
     */
    private void listBlocks(int bj0, int bj1) {
        TerrainShading g = ground;
        float[] h = g.heights;
        final int block = TerrainLod.BLOCK;
        int columns = g.columns;
        for (int bj = bj0; bj < bj1; bj++) {
            int first = lodSegment * (bj - lodRow0);
            int e = first;
            for (int bi = lodColumn0[bj]; bi <= lodColumn1[bj]; bi++) {
                int level = blockLevel[bj * lod.blockColumns + bi];
                if (level < 0) {
                    continue;
                }
                int step = 1 << level;
                int i0 = bi * block;
                int j0 = bj * block;
                int i1 = Math.min(i0 + block, columns - 1);
                int j1 = Math.min(j0 + block, g.rows - 1);
                int west = neighbourLevel(bi - 1, bj);
                int east = neighbourLevel(bi + 1, bj);
                int south = neighbourLevel(bi, bj - 1);
                int north = neighbourLevel(bi, bj + 1);
                for (int j = j0; j <= j1; j += step) {
                    double dy = g.originYM + j * g.cellM - camY;
                    int base = (j - gridJ0) * gridStride - gridI0;
                    int edgeRow = j == j0 ? south : j == j1 ? north : -1;
                    for (int i = i0; i <= i1; i += step) {
                        int k = j * columns + i;
                        double z = h[k];
                        int edgeColumn = i == i0 ? west : i == i1 ? east : -1;
                        if (edgeRow > level) {
                            int r = (i - i0) & ((1 << edgeRow) - 1);
                            if (r != 0) {
                                z = h[k - r] + (h[k - r + (1 << edgeRow)] - h[k - r]) * r / (1 << edgeRow);
                            }
                        } else if (edgeColumn > level) {
                            int r = (j - j0) & ((1 << edgeColumn) - 1);
                            if (r != 0) {
                                int a = k - r * columns;
                                z = h[a] + (h[a + (columns << edgeColumn)] - h[a]) * r / (1 << edgeColumn);
                            }
                        }
                        transform(base + i, g.originXM + i * g.cellM - camX, dy, z - camZ);
                    }
                }
                for (int j = j0; j < j1; j += step) {
                    int base = (j - gridJ0) * gridStride - gridI0;
                    for (int i = i0; i < i1; i += step) {
                        if (listCell(base + i, step, e)) {
                            e++;
                        }
                    }
                }
            }
            lodCount[bj - lodRow0] = e - first;
        }
    }

    /** The primitives whose bounds reach into the frustum, with their bounds on the normalized image plane. */
    private void findVisibleSolids() {
        visibleCount = 0;
        double[] q = cornerScratch;
        double[] box = boundsScratch;
        for (int k = 0; k < solids.count; k++) {
            double[] b = solids.bounds[k];
            double cx = (b[0] + b[3]) / 2 - camX;
            double cy = (b[1] + b[4]) / 2 - camY;
            double cz = (b[2] + b[5]) / 2 - camZ;
            double ex = (b[3] - b[0]) / 2;
            double ey = (b[4] - b[1]) / 2;
            double ez = (b[5] - b[2]) / 2;
            double radius = Math.sqrt(ex * ex + ey * ey + ez * ez);
            double depth = az0 * cx + az1 * cy + az2 * cz;
            if (depth + radius < nearM || depth - radius >= farM) {
                continue;
            }
            for (int c = 0; c < 8; c++) {
                double dx = ((c & 1) == 0 ? b[0] : b[3]) - camX;
                double dy = ((c & 2) == 0 ? b[1] : b[4]) - camY;
                double dz = ((c & 4) == 0 ? b[2] : b[5]) - camZ;
                q[3 * c] = ax0 * dx + ax1 * dy + ax2 * dz;
                q[3 * c + 1] = ay0 * dx + ay1 * dy + ay2 * dz;
                q[3 * c + 2] = az0 * dx + az1 * dy + az2 * dz;
            }
            if (!clippedBounds(q, 8, BOX_EDGES, box)) {
                continue;
            }
            visible[visibleCount] = k;
            System.arraycopy(box, 0, visibleBounds, 4 * visibleCount, 4);
            visibleCount++;
        }
    }

    private static final int[] BOX_EDGES = {0, 1, 2, 3, 4, 5, 6, 7, 0, 2, 1, 3, 4, 6, 5, 7, 0, 4, 1, 5, 2, 6, 3, 7};
    private static final int[] TRIANGLE_EDGES = {0, 1, 1, 2, 2, 0};

    /**
     * Bounds on the normalized image plane (x' lo, y' lo, x' hi, y' hi, with a margin) of the part of a convex
     * shape (points q, optical frame, and its edges) at depth &gt;= near; false if none of it is.
     */
    private boolean clippedBounds(double[] q, int points, int[] edges, double[] out) {
        double xLo = Double.MAX_VALUE;
        double xHi = -Double.MAX_VALUE;
        double yLo = Double.MAX_VALUE;
        double yHi = -Double.MAX_VALUE;
        boolean any = false;
        for (int c = 0; c < points; c++) {
            double z = q[3 * c + 2];
            if (z >= nearM) {
                double x = q[3 * c] / z;
                double y = q[3 * c + 1] / z;
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
                yLo = Math.min(yLo, y);
                yHi = Math.max(yHi, y);
                any = true;
            }
        }
        for (int e = 0; e < edges.length; e += 2) {
            int a = edges[e];
            int b = edges[e + 1];
            double za = q[3 * a + 2];
            double zb = q[3 * b + 2];
            if ((za < nearM) != (zb < nearM)) {
                double t = (nearM - za) / (zb - za);
                double x = (q[3 * a] + t * (q[3 * b] - q[3 * a])) / nearM;
                double y = (q[3 * a + 1] + t * (q[3 * b + 1] - q[3 * a + 1])) / nearM;
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
                yLo = Math.min(yLo, y);
                yHi = Math.max(yHi, y);
                any = true;
            }
        }
        if (!any) {
            return false;
        }
        out[0] = xLo - margin(xLo);
        out[1] = yLo - margin(yLo);
        out[2] = xHi + margin(xHi);
        out[3] = yHi + margin(yHi);
        return true;
    }

    /** Slack for rounding between a shape's projected bounds and the rays' float coordinates. */
    private static double margin(double v) {
        return 1e-6 + 1e-6 * Math.abs(v);
    }

    // ---- Bands -------------------------------------------------------------------------------------------

    /** One band of image rows [row0, row1) and the scratch its task uses. */
    private final class Band {
        final int row0;
        final int row1;
        final int[] face = new int[1];
        final double[] normal = new double[3];
        final double[] triangle = new double[9];
        final double[] bounds = new double[4];
        // One row's intermediate values between the shading passes, indexed by column.
        final double[] pointX;
        final double[] pointY;
        final double[] pointZ;
        final double[] albedoRed;
        final double[] albedoGreen;
        final double[] albedoBlue;
        final double[] direct;
        final double[] normalX;
        final double[] normalY;
        final double[] normalZ;

        Band(int row0, int row1) {
            this.row0 = row0;
            this.row1 = row1;
            pointX = new double[width];
            pointY = new double[width];
            pointZ = new double[width];
            albedoRed = new double[width];
            albedoGreen = new double[width];
            albedoBlue = new double[width];
            direct = new double[width];
            normalX = new double[width];
            normalY = new double[width];
            normalZ = new double[width];
        }

        void render(CameraImage image) {
            Arrays.fill(inverseDepth, row0 * width, row1 * width, farInverse);
            Arrays.fill(hit, row0 * width, row1 * width, MISS);
            if (cellRow1 >= cellRow0) {
                drawTerrain();
            }
            drawSolids();
            shade(image);
        }

        private void drawTerrain() {
            if (lod != null) {
                for (int bj = lodRow0; bj <= lodRow1; bj++) {
                    int first = lodSegment * (bj - lodRow0);
                    drawCells(first, first + lodCount[bj - lodRow0]);
                }
            } else {
                for (int j = cellRow0; j <= cellRow1; j++) {
                    drawCells(liveStart[j], liveStart[j] + liveCount[j]);
                }
            }
        }

        /** The two triangles of each listed cell in entries [e0, e1) that may cover a row of the band. */
        private void drawCells(int e0, int e1) {
            for (int e = e0; e < e1; e++) {
                if (liveRowB[e] < row0 || liveRowA[e] >= row1) {
                    continue;
                }
                int cell = liveCell[e];
                int step = liveStep[e];
                int v00 = cell >= 0 ? cell : -cell - 1;
                int v10 = v00 + step;
                int v01 = v00 + step * gridStride;
                int v11 = v01 + step;
                if (cell >= 0) {
                    triangle(v00, v10, v11);
                    triangle(v00, v11, v01);
                } else {
                    clippedTriangle(v00, v10, v11);
                    clippedTriangle(v00, v11, v01);
                }
            }
        }

        /** A triangle wholly in front of the near plane. */
        private void triangle(int a, int b, int c) {
            double yLo = Math.min(vv[a], Math.min(vv[b], vv[c]));
            double yHi = Math.max(vv[a], Math.max(vv[b], vv[c]));
            int rA = Math.max(row0, model.firstRow(yLo - margin(yLo)));
            int rB = Math.min(row1 - 1, model.lastRow(yHi + margin(yHi)));
            if (rA > rB) {
                return;
            }
            double xLo = Math.min(vu[a], Math.min(vu[b], vu[c]));
            double xHi = Math.max(vu[a], Math.max(vu[b], vu[c]));
            raster(a, b, c, rA, rB, xLo - margin(xLo), xHi + margin(xHi));
        }

        /** A triangle reaching behind the near plane: its pixel bounds come from its part in front. */
        private void clippedTriangle(int a, int b, int c) {
            double[] q = triangle;
            q[0] = vx[a];
            q[1] = vy[a];
            q[2] = vz[a];
            q[3] = vx[b];
            q[4] = vy[b];
            q[5] = vz[b];
            q[6] = vx[c];
            q[7] = vy[c];
            q[8] = vz[c];
            if (!clippedBounds(q, 3, TRIANGLE_EDGES, bounds)) {
                return;
            }
            int rA = Math.max(row0, model.firstRow(bounds[1]));
            int rB = Math.min(row1 - 1, model.lastRow(bounds[3]));
            if (rA <= rB) {
                raster(a, b, c, rA, rB, bounds[0], bounds[2]);
            }
        }

        /** Homogeneous rasterization of triangle (a, b, c) over rows rA..rB and rays with x' in [xLo, xHi]. */
        private void raster(int a, int b, int c, int rA, int rB, double xLo, double xHi) {
            double ax = vx[a];
            double ay = vy[a];
            double az = vz[a];
            double bx = vx[b];
            double by = vy[b];
            double bz = vz[b];
            double cx = vx[c];
            double cy = vy[c];
            double cz = vz[c];
            // Edge planes through the camera centre: e0 = b x c, e1 = c x a, e2 = a x b.
            double e0x = by * cz - bz * cy;
            double e0y = bz * cx - bx * cz;
            double e0z = bx * cy - by * cx;
            double e1x = cy * az - cz * ay;
            double e1y = cz * ax - cx * az;
            double e1z = cx * ay - cy * ax;
            double e2x = ay * bz - az * by;
            double e2y = az * bx - ax * bz;
            double e2z = ax * by - ay * bx;
            double det = ax * e0x + ay * e0y + az * e0z;
            if (det == 0 || !Double.isFinite(det)) {
                return;
            }
            if (det < 0) {
                det = -det;
                e0x = -e0x;
                e0y = -e0y;
                e0z = -e0z;
                e1x = -e1x;
                e1y = -e1y;
                e1z = -e1z;
                e2x = -e2x;
                e2y = -e2y;
                e2z = -e2z;
            }
            // Tie rule for a ray exactly on an edge plane: the triangle whose edge normal is "positive" takes it.
            boolean t0 = e0x > 0 || (e0x == 0 && (e0y > 0 || (e0y == 0 && e0z > 0)));
            boolean t1 = e1x > 0 || (e1x == 0 && (e1y > 0 || (e1y == 0 && e1z > 0)));
            boolean t2 = e2x > 0 || (e2x == 0 && (e2y > 0 || (e2y == 0 && e2z > 0)));
            double inverseDet = 1 / det;
            float[] rx = model.rayX;
            float[] ry = model.rayY;
            float[] zb = inverseDepth;
            int[] ids = hit;
            float zNear = nearInverse;
            // Without distortion a row's rays share y', so each edge bounds x' on the row: scan only the span
            // between the bounds (with a margin; the exact test below still decides every pixel). Narrow
            // triangles are not worth the three divisions.
            boolean spans = !distorted && (xHi - xLo) * fxPx > SPAN_MIN_PX;
            for (int row = rA; row <= rB; row++) {
                double lo = xLo;
                double hi = xHi;
                if (spans) {
                    double y = ry[row * width];
                    double k0 = e0y * y + e0z;
                    double k1 = e1y * y + e1z;
                    double k2 = e2y * y + e2z;
                    if (e0x != 0) {
                        double r = -k0 / e0x;
                        if (e0x > 0) {
                            lo = Math.max(lo, r - margin(r));
                        } else {
                            hi = Math.min(hi, r + margin(r));
                        }
                    }
                    if (e1x != 0) {
                        double r = -k1 / e1x;
                        if (e1x > 0) {
                            lo = Math.max(lo, r - margin(r));
                        } else {
                            hi = Math.min(hi, r + margin(r));
                        }
                    }
                    if (e2x != 0) {
                        double r = -k2 / e2x;
                        if (e2x > 0) {
                            lo = Math.max(lo, r - margin(r));
                        } else {
                            hi = Math.min(hi, r + margin(r));
                        }
                    }
                    if (!(lo <= hi)) {
                        continue;
                    }
                }
                int cA = model.firstColumn(row, lo);
                int cB = model.lastColumn(row, hi);
                int p = row * width + cA;
                for (int col = cA; col <= cB; col++, p++) {
                    double x = rx[p];
                    double y = ry[p];
                    double w0 = e0x * x + e0y * y + e0z;
                    if (w0 < 0 || (w0 == 0 && !t0)) {
                        continue;
                    }
                    double w1 = e1x * x + e1y * y + e1z;
                    if (w1 < 0 || (w1 == 0 && !t1)) {
                        continue;
                    }
                    double w2 = e2x * x + e2y * y + e2z;
                    if (w2 < 0 || (w2 == 0 && !t2)) {
                        continue;
                    }
                    float iz = (float) ((w0 + w1 + w2) * inverseDet);
                    if (iz > zb[p] && iz <= zNear) {
                        zb[p] = iz;
                        ids[p] = TERRAIN;
                    }
                }
            }
        }

        private void drawSolids() {
            float[] rx = model.rayX;
            float[] ry = model.rayY;
            for (int s = 0; s < visibleCount; s++) {
                int k = visible[s];
                double xLo = visibleBounds[4 * s];
                double yLo = visibleBounds[4 * s + 1];
                double xHi = visibleBounds[4 * s + 2];
                double yHi = visibleBounds[4 * s + 3];
                int rA = Math.max(row0, model.firstRow(yLo));
                int rB = Math.min(row1 - 1, model.lastRow(yHi));
                for (int row = rA; row <= rB; row++) {
                    int cA = model.firstColumn(row, xLo);
                    int cB = model.lastColumn(row, xHi);
                    int p = row * width + cA;
                    for (int col = cA; col <= cB; col++, p++) {
                        double x = rx[p];
                        double y = ry[p];
                        double dx = ax0 * x + ay0 * y + az0;
                        double dy = ax1 * x + ay1 * y + az1;
                        double dz = ax2 * x + ay2 * y + az2;
                        double t = solids.intersect(k, camX, camY, camZ, dx, dy, dz, nearM, face);
                        if (t < Double.POSITIVE_INFINITY) {
                            float iz = (float) (1 / t);
                            if (iz > inverseDepth[p]) {
                                inverseDepth[p] = iz;
                                hit[p] = -(2 + k * Solids.FACES + face[0]);
                            }
                        }
                    }
                }
            }
        }

        /**
         * Shades the band row by row in three passes over a row (loop fission): where each ray meets its
         * surface; the surface's albedo, normal and sun light; the light encoded and every channel written.
         * One pixel's work is one long chain of dependent operations (a division, the cell's loads, a square
         * root and a division for the normal, the lighting, the encoding) and too many instructions for the
         * processor to overlap two pixels' chains; split in passes whose iterations are short and independent,
         * the out-of-order core runs several pixels at once. Every value is computed by the same operations in
         * the same order as in one pass, so the frame is the same bit for bit.
         */
        private void shade(CameraImage image) {
            for (int row = row0; row < row1; row++) {
                locate(row, image);
                if (reusedImage) {
                    clearMissedNormals(row, image);
                }
                surface(row, image);
                light(row, image);
            }
        }

        /**
         * A reused image holds the last frame's normals where this frame's rays miss (a new image holds zeros,
         * and the passes write normals only for hits): zero them. Its own loop, so that the passes of a new
         * image run the code they ran before reuse existed.
         */
        private void clearMissedNormals(int row, CameraImage image) {
            float[] normals = image.normal;
            int[] ids = hit;
            int base = row * width;
            for (int p = base; p < base + width; p++) {
                if (ids[p] == MISS) {
                    normals[3 * p] = 0;
                    normals[3 * p + 1] = 0;
                    normals[3 * p + 2] = 0;
                }
            }
        }

        /** Pass 1 of a row: sky for the misses; for hits, range, depth and the point seen (world). */
        private void locate(int row, CameraImage image) {
            byte[] rgb = image.rgb;
            float[] range = image.range;
            float[] depthOut = image.depth;
            byte[] classes = image.semanticClass;
            float[] rx = model.rayX;
            float[] ry = model.rayY;
            float[] rangePerDepth = model.rangePerDepth;
            float[] zb = inverseDepth;
            int[] ids = hit;
            double[] px = pointX;
            double[] py = pointY;
            double[] pz = pointZ;
            byte sky = (byte) SemanticClass.SKY.id();
            byte unlabeled = (byte) SemanticClass.UNLABELED.id();
            // Frame constants as locals: fields would be reloaded after every store.
            double ox = camX;
            double oy = camY;
            double oz = camZ;
            double a0 = ax0;
            double a1 = ax1;
            double a2 = ax2;
            double b0 = ay0;
            double b1 = ay1;
            double b2 = ay2;
            double c0 = az0;
            double c1 = az1;
            double c2 = az2;
            int base = row * width;
            for (int c = 0; c < width; c++) {
                int p = base + c;
                double x = rx[p];
                double y = ry[p];
                double dz = a2 * x + b2 * y + c2;
                if (ids[p] == MISS) {
                    rgb[3 * p] = skyRed8;
                    rgb[3 * p + 1] = skyGreen8;
                    rgb[3 * p + 2] = skyBlue8;
                    range[p] = Float.POSITIVE_INFINITY;
                    depthOut[p] = Float.POSITIVE_INFINITY;
                    classes[p] = dz >= 0 ? sky : unlabeled;
                    continue;
                }
                double dx = a0 * x + b0 * y + c0;
                double dy = a1 * x + b1 * y + c1;
                double t = 1 / (double) zb[p];
                px[c] = ox + t * dx;
                py[c] = oy + t * dy;
                pz[c] = oz + t * dz;
                range[p] = (float) (t * rangePerDepth[p]);
                depthOut[p] = (float) t;
            }
        }

        /**
         * Pass 2 of a row: for each hit, the albedo with its texture variation, the direct sun term (cosine,
         * or 0 in shadow), the world normal and the class, into the row's scratch.
         */
        private void surface(int row, CameraImage image) {
            byte[] classes = image.semanticClass;
            int[] ids = hit;
            double[] px = pointX;
            double[] py = pointY;
            double[] pz = pointZ;
            double[] red = albedoRed;
            double[] green = albedoGreen;
            double[] blue = albedoBlue;
            double[] sun = direct;
            double[] m0 = normalX;
            double[] m1 = normalY;
            double[] m2 = normalZ;
            TerrainShading g = ground;
            float[] d = g.samples;
            float[] look = g.paletteLook;
            byte[] paletteClass = g.paletteClass;
            int columns = g.columns;
            int lastColumn = columns - 2;
            int lastRow = g.rows - 2;
            double originX = g.originXM;
            double originY = g.originYM;
            double inverseCell = inverseCellM;
            final int stride = TerrainShading.STRIDE;
            int rowStride = stride * columns;
            int base = row * width;
            // The samples of the last cell seen: near the camera a cell spans many pixels of a row.
            int cached = -1;
            double h00 = 0;
            double h10 = 0;
            double h01 = 0;
            double h11 = 0;
            double t00 = 0;
            double t10 = 0;
            double t01 = 0;
            double t11 = 0;
            double l00 = 0;
            double l10 = 0;
            double l01 = 0;
            double l11 = 0;
            int k00 = 0;
            int k10 = 0;
            int k01 = 0;
            int k11 = 0;
            int shadows = 0;
            byte[] flags = cellShadows;
            for (int c = 0; c < width; c++) {
                int p = base + c;
                int id = ids[p];
                if (id == MISS) {
                    continue;
                }
                double hx = px[c];
                double hy = py[c];
                double hz = pz[c];
                if (id != TERRAIN) {
                    shadeSolid(c, p, -id - 2, hx, hy, hz, classes);
                    continue;
                }
                // Terrain is drawn only over the field, so the hit lies on it up to rounding: clamping the cell
                // suffices (a fraction a hair outside [0, 1] is harmless).
                double gx = (hx - originX) * inverseCell;
                double gy = (hy - originY) * inverseCell;
                int i = Math.max(0, Math.min(lastColumn, (int) gx));
                int j = Math.max(0, Math.min(lastRow, (int) gy));
                double fx = gx - i;
                double fy = gy - j;
                double ex = 1 - fx;
                double ey = 1 - fy;
                int s00 = stride * (j * columns + i);
                if (s00 != cached) {
                    cached = s00;
                    int s10 = s00 + stride;
                    int s01 = s00 + rowStride;
                    int s11 = s01 + stride;
                    h00 = d[s00];
                    h10 = d[s10];
                    h01 = d[s01];
                    h11 = d[s11];
                    t00 = d[s00 + TerrainShading.TEXTURE];
                    t10 = d[s10 + TerrainShading.TEXTURE];
                    t01 = d[s01 + TerrainShading.TEXTURE];
                    t11 = d[s11 + TerrainShading.TEXTURE];
                    l00 = d[s00 + TerrainShading.LEVEL];
                    l10 = d[s10 + TerrainShading.LEVEL];
                    l01 = d[s01 + TerrainShading.LEVEL];
                    l11 = d[s11 + TerrainShading.LEVEL];
                    k00 = (int) d[s00 + TerrainShading.MATERIAL];
                    k10 = (int) d[s10 + TerrainShading.MATERIAL];
                    k01 = (int) d[s01 + TerrainShading.MATERIAL];
                    k11 = (int) d[s11 + TerrainShading.MATERIAL];
                    shadows = flags[s00 / stride];
                }
                // The bilinear patch's slopes, as HeightField.normal computes them.
                double twist = h00 - h10 - h01 + h11;
                double sx = ((h10 - h00) + twist * fy) * inverseCell;
                double sy = ((h01 - h00) + twist * fx) * inverseCell;
                // Single precision (the normal is stored as float anyway): float square root and division cost
                // about half their double forms, measurably on this per-pixel path.
                float squared = (float) (sx * sx + sy * sy + 1);
                double scale = 1f / (float) Math.sqrt(squared);
                double n0 = -sx * scale;
                double n1 = -sy * scale;
                double n2 = scale;
                // Material of the nearest sample, as HeightField.material picks it.
                int m = fy >= 0.5 ? (fx >= 0.5 ? k11 : k01) : (fx >= 0.5 ? k10 : k00);
                double coarse = ey * (ex * t00 + fx * t10) + fy * (ex * t01 + fx * t11);
                // Texture.latticeCoordinate, not Math.floor: the floor cost ~10 % of the frame (CPU ratio 0.87 without).
                double fine = grain[Texture.grainIndex(Texture.latticeCoordinate(hx * 8), Texture.latticeCoordinate(hy * 8))];
                int a = 4 * m;
                double variation = 1 + look[a + 3] * (0.75 * coarse + 0.25 * fine);
                double lit = 0;
                if (sunUp) {
                    double cosine = n0 * sunX + n1 * sunY + n2 * sunZ;
                    if (cosine > 0) {
                        // The tests a cell's flags rule out would pass (sunlit past the terrain; no candidates).
                        if (((shadows & TERRAIN_MAY_SHADE) == 0 || hz >= ey * (ex * l00 + fx * l10) + fy * (ex * l01 + fx * l11) - SHADOW_BIAS_M)
                                && ((shadows & SOLID_MAY_SHADE) == 0 || !shadedBySolid(solids.sunCandidates(hx, hy), hx, hy, hz, n0, n1, n2, -1))) {
                            lit = cosine;
                        }
                    }
                }
                red[c] = look[a] * variation;
                green[c] = look[a + 1] * variation;
                blue[c] = look[a + 2] * variation;
                sun[c] = lit;
                m0[c] = n0;
                m1[c] = n1;
                m2[c] = n2;
                classes[p] = paletteClass[m];
            }
        }

        /** Pass 2 for a pixel on solid {@code code / FACES}: as the terrain's, with the solid's look and shadows. */
        private void shadeSolid(int c, int p, int code, double hx, double hy, double hz, byte[] classes) {
            int k = code / Solids.FACES;
            double[] n = normal;
            solids.normal(k, code % Solids.FACES, hx, hy, hz, n);
            // Only the lattice coordinates modulo the tile matter, and latticeCoordinate keeps them (61 and 17 times
            // its offset are multiples of the tile too).
            int iz = Texture.latticeCoordinate(hz * 10);
            double fine = grain[Texture.grainIndex(Texture.latticeCoordinate(hx * 10) + 61 * iz, Texture.latticeCoordinate(hy * 10) + 17 * iz)];
            double variation = 1 + solids.textureAmplitude[k] * fine;
            double lit = 0;
            if (sunUp) {
                double cosine = n[0] * sunX + n[1] * sunY + n[2] * sunZ;
                if (cosine > 0 && !shadedByTerrain(hx, hy, hz) && !shadedBySolid(solids.sunCandidates(hx, hy), hx, hy, hz, n[0], n[1], n[2], k)) {
                    lit = cosine;
                }
            }
            albedoRed[c] = solids.red[k] * variation;
            albedoGreen[c] = solids.green[k] * variation;
            albedoBlue[c] = solids.blue[k] * variation;
            direct[c] = lit;
            normalX[c] = n[0];
            normalY[c] = n[1];
            normalZ[c] = n[2];
            classes[p] = solids.classId[k];
        }

        /**
         * Pass 3 of a row, for each hit: Lambert's law for the sun plus hemisphere sky light, encoded to sRGB;
         * the normal turned into the optical frame.
         */
        private void light(int row, CameraImage image) {
            byte[] rgb = image.rgb;
            float[] normals = image.normal;
            int[] ids = hit;
            double[] red = albedoRed;
            double[] green = albedoGreen;
            double[] blue = albedoBlue;
            double[] sun = direct;
            double[] m0 = normalX;
            double[] m1 = normalY;
            double[] m2 = normalZ;
            double a0 = ax0;
            double a1 = ax1;
            double a2 = ax2;
            double b0 = ay0;
            double b1 = ay1;
            double b2 = ay2;
            double c0 = az0;
            double c1 = az1;
            double c2 = az2;
            double sr = sunRed;
            double sg = sunGreen;
            double sb = sunBlue;
            double ar = ambientRed;
            double ag = ambientGreen;
            double abl = ambientBlue;
            int base = row * width;
            for (int c = 0; c < width; c++) {
                int p = base + c;
                if (ids[p] == MISS) {
                    continue;
                }
                double n0 = m0[c];
                double n1 = m1[c];
                double n2 = m2[c];
                double lit = sun[c];
                double skyLight = 0.5 + 0.5 * n2;
                rgb[3 * p] = encode(red[c] * (sr * lit + ar * skyLight));
                rgb[3 * p + 1] = encode(green[c] * (sg * lit + ag * skyLight));
                rgb[3 * p + 2] = encode(blue[c] * (sb * lit + abl * skyLight));
                normals[3 * p] = (float) (a0 * n0 + a1 * n1 + a2 * n2);
                normals[3 * p + 1] = (float) (b0 * n0 + b1 * n1 + b2 * n2);
                normals[3 * p + 2] = (float) (c0 * n0 + c1 * n1 + c2 * n2);
            }
        }

        /** Whether the terrain hides the sun from point h (its horizon map; nothing beyond the field's edge). */
        private boolean shadedByTerrain(double hx, double hy, double hz) {
            TerrainShading g = ground;
            double gx = (hx - g.originXM) * inverseCellM;
            double gy = (hy - g.originYM) * inverseCellM;
            if (!(gx >= 0 && gy >= 0 && gx <= g.columns - 1 && gy <= g.rows - 1)) {
                return false;
            }
            int i = Math.min((int) gx, g.columns - 2);
            int j = Math.min((int) gy, g.rows - 2);
            double fx = gx - i;
            double fy = gy - j;
            final int stride = TerrainShading.STRIDE;
            float[] d = g.samples;
            int s00 = stride * (j * g.columns + i) + TerrainShading.LEVEL;
            int s01 = s00 + stride * g.columns;
            double l = (1 - fy) * ((1 - fx) * d[s00] + fx * d[s00 + stride]) + fy * ((1 - fx) * d[s01] + fx * d[s01 + stride]);
            return hz < l - SHADOW_BIAS_M;
        }

        /**
         * Whether a primitive other than {@code self} among {@code candidates} (those that may shade the point:
         * {@link Solids#sunCandidates}) hides the sun from surface point h of normal n. The empty test comes
         * first and is small enough to inline into the pixel loop; the shadow ray (too large to inline) is
         * called only where a solid is near.
         */
        private boolean shadedBySolid(int[] candidates, double hx, double hy, double hz, double n0, double n1, double n2, int self) {
            return candidates.length != 0 && solids.occluded(candidates, self, hx + n0 * SHADOW_OFFSET_M, hy + n1 * SHADOW_OFFSET_M,
                    hz + n2 * SHADOW_OFFSET_M, sunX, sunY, sunZ, face);
        }
    }
}
