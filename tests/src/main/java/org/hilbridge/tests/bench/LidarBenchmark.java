package org.hilbridge.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.random.RandomStreams;
import org.hilbridge.sim.scene.Scene;
import org.hilbridge.sim.scene.SceneBuilder;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.lidar.LidarParams;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.sim.sensor.lidar.PointCloudSample;
import org.hilbridge.sim.sensor.lidar.RayHit;
import org.hilbridge.sim.sensor.lidar.SceneRayCaster;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * LiDAR sweeps on the default off-road course (launch/scenarios/offroad_course.yaml: a 1 km square height
 * field at 1 m cells, with the seeded scenery of SceneBuilder's default density: trees, bushes, rocks off
 * the route): the sensor on the off-road utility vehicle, placed every {@value #SPACING_M} m along the
 * scenario's route, heading along it, fires one full revolution per pose through the runner's 1 kHz slicing.
 * One thread; figures are rays fired per second (every ray counts, hit or not), i.e. per core.
 *
 * <p>Reference, measured in the same run on the same rays: a plain 2-D DDA (Amanatides and Woo) over the
 * height field's cells from each ray's origin to where the caster ended it (its hit, or the maximum range),
 * reading each cell's height and intersecting nothing. That walk is the least a straightforward exact
 * caster must do (visit every cell up to the hit), so the ratio says what the max mip-map and the early
 * exits buy; a memcpy reference would say nothing about ray casting. Two figures per sensor: the whole
 * sensor (pose per column, casting, detection rules, noise, output arrays) and the caster alone on the same
 * rays. Target (issue 4): at least 5 million rays per second per core.
 */
final class LidarBenchmark implements Benchmark {
    private static final double SPACING_M = 15;
    private static final int RUNS = 5;
    private static final long SLICE_NANOS = 1_000_000;
    /** Sensor on the roof: 0.3 m ahead of the CG, 1.2 m above it (about 1.9 m above the ground). */
    private static final SensorMount MOUNT = new SensorMount(0.3, 0, 1.2, 0, 0, 0);

    @Override
    public String name() {
        return "lidar";
    }

    @Override
    public String description() {
        return "VLP-16 and OS1-64 sweeps along the off-road course route: rays per second on one core, vs a plain cell walk";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        double[] routeXy = scenario.routeXyM();
        Scene scene = ScenarioScene.build(scenario);
        HeightField terrain = scene.terrain();
        long b0 = System.nanoTime();
        SceneRayCaster caster = new SceneRayCaster(scene);
        long b1 = System.nanoTime();
        double[] poses = poses(routeXy);
        int poseCount = poses.length / 3;
        report.note(String.format("%d x %d height samples, %d solids, %d poses every %.0f m along the route; caster built in %.0f ms",
                terrain.columns(), terrain.rows(), scene.primitives().size(), poseCount, SPACING_M, (b1 - b0) / 1e6));

        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        Walk walk = new Walk(terrain);
        List<LidarParams> sensors = List.of(LidarParams.preset(LidarParams.VLP16), LidarParams.preset(LidarParams.OS1_64),
                LidarParams.preset(LidarParams.OS1_64).withColumns(2048));
        for (LidarParams params : sensors) {
            String tag = params.preset() + (params.preset().equals(LidarParams.OS1_64) ? "x" + params.columnsPerRevolution() : "");
            LidarSensor sensor = new LidarSensor("lidar", "lidar", MOUNT, params, caster, new RandomStreams(scenario.seed()).stream("lidar"));
            long raysPerRun = (long) poseCount * params.channels() * params.columnsPerRevolution();
            Sweeper sweeper = new Sweeper(sensor, vehicle, poses, params);
            RayBatch batch = new RayBatch(params, caster, walk);

            sweeper.sweepAll();
            batch.runAll(vehicle, poses);
            double[] sweepNanos = new double[RUNS];
            double[] castNanos = new double[RUNS];
            double[] walkNanos = new double[RUNS];
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long allocated = 0;
            for (int r = 0; r < RUNS; r++) {
                long before = threads.getThreadAllocatedBytes(thread);
                sweepNanos[r] = sweeper.sweepAll();
                allocated += threads.getThreadAllocatedBytes(thread) - before;
                batch.runAll(vehicle, poses);
                castNanos[r] = batch.castNanos;
                walkNanos[r] = batch.walkNanos;
            }
            double sweep = raysPerRun / (median(sweepNanos) * 1e-9);
            double cast = raysPerRun / (median(castNanos) * 1e-9);
            double ref = raysPerRun / (median(walkNanos) * 1e-9);
            report.note(String.format("%s: %d rays per revolution, %d revolutions per run, %d runs; %.0f points per revolution on average, "
                            + "%.0f cells walked per ray by the reference",
                    tag, params.channels() * params.columnsPerRevolution(), poseCount, RUNS, sweeper.points / (double) poseCount,
                    batch.cellsWalked / (double) raysPerRun));
            report.figure(name(), tag + "_sweep_rays_per_s", sweep, "rays/s", "cell_walk", ref);
            report.figure(name(), tag + "_cast_rays_per_s", cast, "rays/s", "cell_walk", ref);
            report.figure(name(), tag + "_sweep_vs_target", sweep, "rays/s", "issue4_target", 5e6);
            report.figure(name(), tag + "_points_per_rev", sweeper.points / (double) poseCount, "points");
            report.figure(name(), tag + "_alloc_per_rev", allocated / (double) (RUNS * poseCount), "bytes", "output_arrays",
                    sweeper.points / (double) poseCount * (5 * 4 + 2 + 1));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** x, y, yaw every SPACING_M along the route polyline. */
    private static double[] poses(double[] xy) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i + 3 < xy.length; i += 2) {
            double ax = xy[i];
            double ay = xy[i + 1];
            double dx = xy[i + 2] - ax;
            double dy = xy[i + 3] - ay;
            double len = Math.hypot(dx, dy);
            double yaw = Math.atan2(dy, dx);
            for (double s = 0; s < len; s += SPACING_M) {
                out.add(new double[] {ax + dx * s / len, ay + dy * s / len, yaw});
            }
        }
        double[] flat = new double[3 * out.size()];
        for (int k = 0; k < out.size(); k++) {
            System.arraycopy(out.get(k), 0, flat, 3 * k, 3);
        }
        return flat;
    }

    /** One revolution per pose through the sensor, as the runner drives it (1 kHz slices). */
    private static final class Sweeper {
        final LidarSensor sensor;
        final Vehicle vehicle;
        final double[] poses;
        final int slicesPerRevolution;
        long now;
        long points;

        Sweeper(LidarSensor sensor, Vehicle vehicle, double[] poses, LidarParams params) {
            this.sensor = sensor;
            this.vehicle = vehicle;
            this.poses = poses;
            this.slicesPerRevolution = (int) (params.periodNanos() / SLICE_NANOS);
        }

        /** Sweeps every pose once; the wall time in nanoseconds. */
        double sweepAll() {
            points = 0;
            long t0 = System.nanoTime();
            for (int p = 0; p < poses.length / 3; p++) {
                vehicle.place(poses[3 * p], poses[3 * p + 1], poses[3 * p + 2], 0);
                PointCloudSample cloud = null;
                for (int k = 0; k < slicesPerRevolution; k++) {
                    PointCloudSample s = sensor.sample(vehicle, now);
                    now += SLICE_NANOS;
                    if (s != null) {
                        cloud = s;
                    }
                }
                if (cloud != null) {
                    points += cloud.pointCount();
                }
            }
            return System.nanoTime() - t0;
        }
    }

    /**
     * The same rays as the sensor's (static pose, columns by the params' geometry), cast by the caster alone
     * and walked by the reference, pose by pose, interleaved so both see the same machine load.
     */
    private static final class RayBatch {
        final LidarParams params;
        final SceneRayCaster caster;
        final Walk walk;
        final int rays;
        final double[] dirX;
        final double[] dirY;
        final double[] dirZ;
        final double[] end;
        final double[] sx;
        final double[] sy;
        final double[] sz;
        final RayHit hit = new RayHit();
        final Rotation body = new Rotation();
        final Rotation frame = new Rotation();
        final Rotation mount = new Rotation();
        final Vec3 v = new Vec3();
        final Vec3 o = new Vec3();
        double castNanos;
        double walkNanos;
        long cellsWalked;
        double sink;

        RayBatch(LidarParams params, SceneRayCaster caster, Walk walk) {
            this.params = params;
            this.caster = caster;
            this.walk = walk;
            int channels = params.channels();
            int columns = params.columnsPerRevolution();
            rays = channels * columns;
            dirX = new double[rays];
            dirY = new double[rays];
            dirZ = new double[rays];
            end = new double[rays];
            sx = new double[rays];
            sy = new double[rays];
            sz = new double[rays];
            for (int c = 0; c < columns; c++) {
                for (int n = 0; n < channels; n++) {
                    double az = Math.PI - 2 * Math.PI * c / columns - 2 * Math.PI * params.rateHz() * params.firingDelayS(n);
                    double el = Math.toRadians(params.elevationDeg(n));
                    int k = c * channels + n;
                    sx[k] = Math.cos(el) * Math.cos(az);
                    sy[k] = Math.cos(el) * Math.sin(az);
                    sz[k] = Math.sin(el);
                }
            }
            mount.setYawPitchRoll(MOUNT.yawRad(), MOUNT.pitchRad(), MOUNT.rollRad());
        }

        void runAll(Vehicle vehicle, double[] poses) {
            castNanos = 0;
            walkNanos = 0;
            cellsWalked = 0;
            double max = params.maxRangeM();
            for (int p = 0; p < poses.length / 3; p++) {
                vehicle.place(poses[3 * p], poses[3 * p + 1], poses[3 * p + 2], 0);
                body.set(vehicle.orientation());
                body.toWorld(v.set(MOUNT.xM(), MOUNT.yM(), MOUNT.zM()), o);
                double ox = vehicle.xM() + o.x;
                double oy = vehicle.yM() + o.y;
                double oz = vehicle.zM() + o.z;
                frame.set(body).multiply(mount);
                for (int k = 0; k < rays; k++) {
                    frame.toWorld(v.set(sx[k], sy[k], sz[k]), o);
                    dirX[k] = o.x;
                    dirY[k] = o.y;
                    dirZ[k] = o.z;
                }
                long t0 = System.nanoTime();
                for (int k = 0; k < rays; k++) {
                    end[k] = caster.cast(ox, oy, oz, dirX[k], dirY[k], dirZ[k], max, hit) ? hit.rangeM : max;
                }
                long t1 = System.nanoTime();
                for (int k = 0; k < rays; k++) {
                    cellsWalked += walk.walk(ox, oy, dirX[k], dirY[k], end[k]);
                }
                long t2 = System.nanoTime();
                castNanos += t1 - t0;
                walkNanos += t2 - t1;
                sink += walk.sum;
            }
        }
    }

    /** A plain Amanatides-Woo walk over the height field's cells, reading each cell's height; no intersection. */
    private static final class Walk {
        final float[] heights;
        final int columns;
        final int rows;
        final double originX;
        final double originY;
        final double cellM;
        double sum;

        Walk(HeightField terrain) {
            heights = terrain.heightsCopy();
            columns = terrain.columns();
            rows = terrain.rows();
            originX = terrain.originXM();
            originY = terrain.originYM();
            cellM = terrain.cellSizeM();
        }

        /** Walks from (ox, oy) along the horizontal part of a unit direction for lengthM of ray; the cells visited. */
        int walk(double ox, double oy, double dx, double dy, double lengthM) {
            double gx = (ox - originX) / cellM;
            double gy = (oy - originY) / cellM;
            int i = (int) Math.floor(gx);
            int j = (int) Math.floor(gy);
            int stepX = dx > 0 ? 1 : -1;
            int stepY = dy > 0 ? 1 : -1;
            double deltaX = dx != 0 ? cellM / Math.abs(dx) : Double.POSITIVE_INFINITY;
            double deltaY = dy != 0 ? cellM / Math.abs(dy) : Double.POSITIVE_INFINITY;
            double nextX = dx > 0 ? (i + 1 - gx) * deltaX : dx < 0 ? (gx - i) * deltaX : Double.POSITIVE_INFINITY;
            double nextY = dy > 0 ? (j + 1 - gy) * deltaY : dy < 0 ? (gy - j) * deltaY : Double.POSITIVE_INFINITY;
            int visited = 0;
            double s = 0;
            while (true) {
                int ci = i < 0 ? 0 : (i >= columns ? columns - 1 : i);
                int cj = j < 0 ? 0 : (j >= rows ? rows - 1 : j);
                s += heights[cj * columns + ci];
                visited++;
                if (nextX <= nextY) {
                    if (nextX >= lengthM) {
                        break;
                    }
                    i += stepX;
                    nextX += deltaX;
                } else {
                    if (nextY >= lengthM) {
                        break;
                    }
                    j += stepY;
                    nextY += deltaY;
                }
            }
            sum += s;
            return visited;
        }
    }
}
