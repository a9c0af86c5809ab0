package org.hilbridge.hil.stack;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.hil.runner.SensorFactory;
import org.hilbridge.hil.control.PurePursuit;
import org.hilbridge.hil.control.RoutePath;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;
import org.hilbridge.proto.v1.CommandAck;
import org.hilbridge.proto.v1.Gnss;
import org.hilbridge.proto.v1.Image;
import org.hilbridge.proto.v1.LeaseRequest;
import org.hilbridge.proto.v1.NormalizedControl;
import org.hilbridge.proto.v1.Odometry;
import org.hilbridge.proto.v1.PointCloud;
import org.hilbridge.proto.v1.SampleRef;
import org.hilbridge.proto.v1.ServerMessage;
import org.hilbridge.proto.v1.StreamDescriptor;
import org.hilbridge.proto.v1.Verdict;
import org.hilbridge.proto.v1.VehicleCommand;
import org.hilbridge.proto.v1.Welcome;
import org.hilbridge.sim.sensor.gnss.Wgs84;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference autonomy stack: a small, honest stand-in for the vehicle computer a HIL rig tests, run as its
 * own process ({@code hilbridge stack}) and talking to the bridge only over the protobuf socket
 * ({@link SocketClient}).
 *
 * <p>What it does, on every wheel-odometry frame (its control rate):
 * <ol>
 *   <li>Localises from wheel odometry and GNSS ({@link Localizer}; never ground truth), starting from the
 *       scenario's initial pose.
 *   <li>Steers along the scenario's route by pure pursuit ({@link PurePursuit} on {@link RoutePath}, the same
 *       code the in-process follower uses).
 *   <li>Chooses a target speed: the cruise speed, capped to stop at the route's end (v = sqrt(2 a d)); the mud
 *       speed while the camera ({@link GroundPatchClassifier}) sees mud on the ground ahead; zero while the
 *       LiDAR ({@link LidarCorridor}) sees an obstacle inside the stopping distance.
 *   <li>Holds it with a PI controller ({@link SpeedPi}) on the wheel-odometry speed, sending normalised
 *       throttle, brake and steering that name the odometry sample they were computed from.
 * </ol>
 * It takes the control lease, renews it by commanding, and pings the bridge to estimate the clock offset and
 * round trip ({@link ClockSync}).
 *
 * <p>Limits, plainly: this is a test stand-in, not an autonomy product. No planner (it never leaves the route
 * to get round an obstacle: it stops and waits), no tracking or prediction, a colour rule for mud, a
 * dead-reckoning-plus-GNSS localiser without covariance, fixed gains tuned for the bundled vehicles. It reads
 * the route from the scenario file because the catalog carries no route; a real stack would have a map.
 */
public final class ReferenceStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceStack.class);
    /** Planned deceleration for stops at the route's end and before obstacles, m/s^2. */
    private static final double STOP_DECEL_MPS2 = 1.5;
    /** Inside this distance ahead of base_link the LiDAR may no longer see a low obstacle it saw farther out, m. */
    private static final double BLIND_RANGE_M = 8.0;
    /** Gap left before an obstacle, m. */
    private static final double OBSTACLE_MARGIN_M = 3.0;
    /** A camera frame showing more than this fraction of mud pixels in the ground patch means mud ahead. */
    private static final double MUD_FRACTION = 0.3;
    /** Mud seen stays in force for this far of travel (the patch was ahead, then under the vehicle), m. */
    private static final double MUD_MEMORY_M = 12.0;

    private final StackSettings settings;
    private final Scenario scenario;
    private final RoutePath path;
    private final Localizer localizer;
    private final SpeedPi speedPi = new SpeedPi(0.5, 0.15);
    private final ClockSync clockSync = new ClockSync(8);
    private final SocketClient client;
    private final ScheduledExecutorService timer;
    private final String odomStream;
    private final String gnssStream;
    private final String lidarStream;
    private final String cameraStream;
    private final double wheelbaseM;
    private final double maxSteeringRad;
    private final double[] target = new double[2];
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

    // Touched on the client's one I/O thread only (frames arrive in order there).
    private LidarCorridor corridor;
    private GroundPatchClassifier camera;
    private double obstacleAtM = Double.POSITIVE_INFINITY;
    private double obstacleSeenAtTravelM;
    private double travelledM;
    private double mudSeenAtTravelM = Double.NEGATIVE_INFINITY;
    private long lastOdomNanos = -1;
    private double lastOdomX;
    private double lastOdomY;
    private boolean stoppedForObstacle;
    /** The last pure-pursuit steering angle: the LiDAR corridor bends along its arc. */
    private double lastSteeringRad;
    private volatile long cameraFrames;
    private volatile long mudFrames;
    private volatile long obstacleStops;
    private volatile double nearestObstacleM = Double.POSITIVE_INFINITY;
    private volatile boolean atRouteEnd;
    /** Set when the bridge says the lease is not held (a refusal, an expiry): the timer asks again. */
    private volatile boolean leaseWanted;
    /**
     * The first ACQUIRE goes out on the I/O thread just before the first command: a write from another thread
     * is queued behind the I/O thread's own writes, so the command could reach the bridge first.
     */
    private final java.util.concurrent.atomic.AtomicBoolean firstLeaseRequest = new java.util.concurrent.atomic.AtomicBoolean();

    public ReferenceStack(StackSettings settings) throws IOException {
        this.settings = settings;
        this.scenario = new ScenarioLoader(Map.of()).load(settings.scenario(), settings.overrides());
        this.path = RoutePath.of(scenario);
        VehicleParams v = scenario.vehicle();
        this.wheelbaseM = v.chassis().wheelbaseM();
        this.maxSteeringRad = v.steering().maxAngleRad();
        this.odomStream = streamOfType("wheel_odometry", true);
        this.gnssStream = streamOfType("gnss", false);
        this.lidarStream = streamOfType("lidar", false);
        this.cameraStream = streamOfType("camera", false);
        Wgs84 datum = null;
        double antennaX = 0;
        double antennaY = 0;
        if (gnssStream != null) {
            Scenario.SensorSpec g = spec(gnssStream);
            // The simulator's own defaults when the scenario gives no origin (a datum of its own would misplace every fix).
            datum = new Wgs84(g.number("origin_lat_deg", SensorFactory.DEFAULT_LAT_DEG), g.number("origin_lon_deg", SensorFactory.DEFAULT_LON_DEG),
                    g.number("origin_alt_m", SensorFactory.DEFAULT_ALT_M));
            antennaX = g.mount().xM();
            antennaY = g.mount().yM();
        }
        Scenario.InitialPose p = scenario.initial();
        this.localizer = new Localizer(p.xM(), p.yM(), p.yawRad(), datum, antennaX, antennaY, 0.05, 0.05, 15.0);
        SocketClient.Builder b = SocketClient.builder(settings.host(), settings.port()).name(settings.name()).onFrame(this::onFrame);
        if (settings.token() != null) {
            b.token(settings.token());
        }
        b.subscribe(odomStream, 0);
        if (gnssStream != null) {
            b.subscribe(gnssStream, 0);
        }
        if (lidarStream != null) {
            b.subscribe(lidarStream, 0);
        }
        if (cameraStream != null) {
            b.subscribe(cameraStream, settings.cameraRateHz());
        }
        this.client = b.build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stack-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private String streamOfType(String type, boolean required) {
        for (Scenario.SensorSpec s : scenario.sensors()) {
            if (s.type().equals(type)) {
                return s.name();
            }
        }
        if (required) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no " + type + " sensor: the reference stack drives from wheel odometry"
                    + " (its sensors are " + scenario.sensors().stream().map(Scenario.SensorSpec::name).toList() + ")");
        }
        return null;
    }

    private Scenario.SensorSpec spec(String name) {
        return scenario.sensors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Connects and starts pinging (the lease is taken with the first command); returns the Welcome. */
    public Welcome start(long timeoutMs) throws Exception {
        Welcome w = client.connect().get(timeoutMs, TimeUnit.MILLISECONDS);
        LOG.info("stack: connected to {}:{} (session {}), following {} ({} sensors used: {}, {}, {}, {})", settings.host(), settings.port(),
                w.getSessionId(), scenario.name(), odomStream, gnssStream, lidarStream, cameraStream, settings.cameraRule() ? "camera rule on" : "camera rule off");
        timer.scheduleAtFixedRate(this::tick, 0, settings.pingEveryMs(), TimeUnit.MILLISECONDS);
        return w;
    }

    private void acquireLease() {
        client.lease(LeaseRequest.Action.ACTION_ACQUIRE).whenComplete((r, e) -> {
            if (r != null) {
                leaseWanted = !r.getHeld();
                if (!r.getHeld()) {
                    LOG.info("stack: lease held by {} ({}); asking again", r.getHolder(), r.getDetail());
                }
            }
        });
    }

    private void tick() {
        try {
            if (client.sessions() > 0 && !client.welcome().isDone()) {
                disconnected.complete(null);
                return;
            }
            long t0 = epochNanos();
            client.ping().thenAccept(pong -> clockSync.record(pong.getClientWallNanos() != 0 ? pong.getClientWallNanos() : t0,
                    pong.getServerWallNanos(), pong.getServerWallNanos(), epochNanos()));
            if (leaseWanted) {
                acquireLease();
            }
        } catch (RuntimeException e) {
            LOG.debug("stack: tick failed: {}", e.toString());
        }
    }

    /** Completes when the bridge has closed the session (the run is over). */
    public CompletableFuture<Void> disconnected() {
        return disconnected;
    }

    private void onFrame(ServerMessage m) {
        try {
            switch (m.getBodyCase()) {
                case ODOMETRY -> onOdometry(m.getOdometry());
                case GNSS -> onGnss(m.getGnss());
                case POINT_CLOUD -> onCloud(m.getPointCloud());
                case IMAGE -> onImage(m.getImage());
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("stack: frame {} failed: {}", m.getBodyCase(), e.toString());
        }
    }

    private void count(String stream) {
        frames.computeIfAbsent(stream, k -> new AtomicLong()).incrementAndGet();
    }

    private StreamDescriptor descriptor(String stream) {
        Welcome w = client.welcome().getNow(null);
        if (w == null) {
            return null;
        }
        return w.getCatalog().getStreamsList().stream().filter(s -> s.getStreamId().equals(stream)).findFirst().orElse(null);
    }

    private void onGnss(Gnss g) {
        count(g.getHeader().getStreamId());
        if (g.getStatus() >= 0) {
            localizer.onGnss(g.getLatitudeDeg(), g.getLongitudeDeg(), g.getAltitudeM());
        }
    }

    private void onCloud(PointCloud c) {
        count(c.getHeader().getStreamId());
        if (corridor == null) {
            StreamDescriptor d = descriptor(c.getHeader().getStreamId());
            if (d == null) {
                return;
            }
            VehicleParams v = scenario.vehicle();
            double front = v.chassis().bodyLengthM() / 2 + 0.2;
            double top = v.chassis().bodyHeightM() - v.chassis().cgHeightM() + 0.3;
            corridor = new LidarCorridor(new MountTransform(d.getMount()), front, front + 25, 0.5, v.chassis().bodyWidthM() / 2 + 0.3, top, 0.35);
        }
        double curvature = Math.tan(lastSteeringRad) / wheelbaseM;
        double seen = corridor.nearestObstacleM(c, curvature);
        double remembered = obstacleAtM - (travelledM - obstacleSeenAtTravelM);
        // Close in, a low obstacle drops below the lowest ring (a VLP-16 2 m up sees a 1 m crate from about
        // 4 m out): an obstacle seen before and now that near is kept, not forgotten because it went dark.
        if (Double.isFinite(seen) || !(remembered < BLIND_RANGE_M)) {
            obstacleAtM = seen;
            obstacleSeenAtTravelM = travelledM;
        }
        if (obstacleAtM < nearestObstacleM) {
            nearestObstacleM = obstacleAtM;
        }
    }

    private void onImage(Image image) {
        count(image.getHeader().getStreamId());
        if (camera == null) {
            StreamDescriptor d = descriptor(image.getHeader().getStreamId());
            if (d == null || !d.hasCamera()) {
                return;
            }
            camera = new GroundPatchClassifier(d.getCamera(), new MountTransform(d.getMount()), -scenario.vehicle().chassis().cgHeightM(),
                    5.0, 12.0, 1.0, 110, 1.2);
            LOG.info("stack: camera ground patch covers {} pixels", camera.pixels());
        }
        cameraFrames++;
        if (camera.mudFraction(image) >= MUD_FRACTION) {
            mudFrames++;
            mudSeenAtTravelM = travelledM;
        }
    }

    private void onOdometry(Odometry o) {
        count(o.getHeader().getStreamId());
        long now = o.getHeader().getCaptureSimNanos();
        double dtS = lastOdomNanos < 0 ? 0 : (now - lastOdomNanos) * 1e-9;
        if (lastOdomNanos >= 0) {
            travelledM += Math.hypot(o.getXM() - lastOdomX, o.getYM() - lastOdomY);
        }
        lastOdomNanos = now;
        lastOdomX = o.getXM();
        lastOdomY = o.getYM();
        localizer.onOdometry(o.getXM(), o.getYM(), o.getYawRad(), o.getForwardSpeedMps());

        double x = localizer.xM();
        double y = localizer.yM();
        double remaining = path.lookahead(x, y, settings.lookaheadM(), target);
        double steering = PurePursuit.steeringRad(x, y, localizer.yawRad(), target[0], target[1], wheelbaseM, maxSteeringRad);
        lastSteeringRad = steering;

        double speed = localizer.speedMps();
        double targetMps = settings.cruiseSpeedMps();
        // v = sqrt(2 a d): arrive at the route's end (or the obstacle's margin) at rest.
        targetMps = Math.min(targetMps, Math.sqrt(2 * STOP_DECEL_MPS2 * Math.max(0, remaining - 0.5)));
        atRouteEnd = remaining < 1.0;
        boolean mudAhead = travelledM - mudSeenAtTravelM <= MUD_MEMORY_M;
        if (mudAhead && settings.cameraRule()) {
            targetMps = Math.min(targetMps, settings.mudSpeedMps());
        }
        double obstacleNowM = obstacleAtM - (travelledM - obstacleSeenAtTravelM);
        boolean blocked = false;
        if (Double.isFinite(obstacleNowM)) {
            double free = obstacleNowM - OBSTACLE_MARGIN_M;
            targetMps = Math.min(targetMps, Math.sqrt(2 * STOP_DECEL_MPS2 * Math.max(0, free)));
            blocked = free <= 0.5 || free <= speed * speed / (2 * 3.0);
        }
        if (blocked && !stoppedForObstacle) {
            obstacleStops++;
            LOG.info("stack: obstacle {} m ahead in the corridor: stopping", String.format("%.1f", obstacleNowM));
        }
        stoppedForObstacle = blocked;

        double throttle;
        double brake;
        if (blocked || (targetMps < 0.05 && (atRouteEnd || speed < 0.3))) {
            speedPi.reset();
            throttle = 0;
            brake = blocked ? 1.0 : 0.6;
        } else {
            double u = speedPi.update(targetMps, speed, dtS);
            throttle = Math.max(0, u);
            brake = Math.max(0, -u);
        }
        VehicleCommand.Builder c = VehicleCommand.newBuilder()
                .setBasedOn(SampleRef.newBuilder().setStreamId(o.getHeader().getStreamId()).setSequence(o.getHeader().getSequence()))
                .setNormalized(NormalizedControl.newBuilder().setThrottle(throttle).setBrake(brake)
                        .setSteering(Math.max(-1, Math.min(1, steering / maxSteeringRad))));
        if (firstLeaseRequest.compareAndSet(false, true)) {
            acquireLease(); // written before the command on the same connection, so the bridge sees it first
        }
        sent.incrementAndGet();
        client.command(c).whenComplete(this::onAck);
    }

    private void onAck(CommandAck ack, Throwable failure) {
        if (ack == null) {
            return;
        }
        if (ack.getVerdict() == Verdict.VERDICT_ACCEPTED) {
            accepted.incrementAndGet();
        } else {
            refused.computeIfAbsent(ack.getVerdict().name(), k -> new AtomicLong()).incrementAndGet();
            if (ack.getVerdict() == Verdict.VERDICT_REFUSED_NO_LEASE) {
                leaseWanted = true;
            }
        }
        maxLatencyNanos.accumulateAndGet(ack.getLoopLatencyNanos(), Math::max);
    }

    public StackReport report() {
        Map<String, Long> byStream = new TreeMap<>();
        frames.forEach((k, v) -> byStream.put(k, v.get()));
        Map<String, Long> refusals = new TreeMap<>();
        refused.forEach((k, v) -> refusals.put(k, v.get()));
        return new StackReport(sent.get(), accepted.get(), refusals, byStream, cameraFrames, mudFrames, obstacleStops, nearestObstacleM, atRouteEnd,
                clockSync.estimate(), maxLatencyNanos.get(), localizer.xM(), localizer.yM());
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
