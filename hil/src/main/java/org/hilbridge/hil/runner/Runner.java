package org.hilbridge.hil.runner;

import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.bridge.link.ImageAugmentation;
import org.hilbridge.bridge.link.StreamInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.hil.arbiter.CommandArbiter;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.hil.arbiter.Watchdog;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.events.RunEvent;
import org.hilbridge.hil.events.RunEvents;
import org.hilbridge.hil.fault.DelayedHandOff;
import org.hilbridge.hil.fault.FaultSchedule;
import org.hilbridge.hil.fault.SimTimeHandOff;
import org.hilbridge.hil.fault.WallTimeHandOff;
import org.hilbridge.hil.scenario.AugmentSettings;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.sim.command.CommandConverter;
import org.hilbridge.sim.command.CommandSlot;
import org.hilbridge.sim.sensor.BufferedSensor;
import org.hilbridge.sim.sensor.Sensor;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraImagePool;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.sensor.lidar.LidarSensor;
import org.hilbridge.augment.AugmentBackend;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.augment.Augmenter;
import org.hilbridge.sim.time.MultiRateScheduler;
import org.hilbridge.sim.time.SimClock;
import org.hilbridge.sim.time.SimTime;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.Vehicle;
import org.hilbridge.sim.world.CollisionDetector;
import org.hilbridge.sim.world.Footprint;
import org.hilbridge.sim.world.Obstacle;

/**
 * Runs one scenario: owns the sim clock and the physics, samples the sensors on their schedule, publishes
 * the samples to the arbiter, the synchronous controllers and (through bounded queues) every sink, applies
 * the command in force each physics step, and stops the vehicle safely when the watchdog trips.
 *
 * <p>One run per instance, on the calling thread (the simulation thread). {@link #requestStop()} may be
 * called from any thread (a signal handler) and ends the run at the next step with a summary.
 */
public final class Runner {
    /** Fault kinds this runner can inject (every kind a scenario may schedule). */
    public static final List<String> IMPLEMENTED_FAULTS = Scenario.FaultSpec.KINDS;
    private static final long TRACE_EVERY_NANOS = 100 * SimTime.NANOS_PER_MILLI;

    private final Scenario scenario;
    private final BridgeConfig config;
    private final PrintStream progress;
    private final RunEvents events = new RunEvents();
    private final CommandArbiter arbiter;
    private final Watchdog watchdog;
    private final Fanout fanout;
    private final List<Controller> synchronousControllers = new ArrayList<>();
    /** Where a synchronous controller writes its answer (simulation thread only; the arbiter copies what it accepts). */
    private final CommandSlot answer = new CommandSlot();
    private final List<Sensor> sensors = new ArrayList<>();
    private final List<CameraAugmentation> augmentations = new ArrayList<>();
    private final List<AugmentSummary> augmentSummaries = new ArrayList<>();
    /** Each camera's image pool by stream (cameras without augmentation; filled when the run starts). */
    private final Map<String, CameraImagePool> imagePools = new LinkedHashMap<>();
    private final ExecutorService renderPool;
    /** Drives pipelined camera renders (fast pacing), one frame in flight per camera. */
    private final ExecutorService cameraDriver;
    /** The run's fault schedule (set when the run starts; {@link #publish} goes through it). */
    private FaultSchedule faults;
    private volatile boolean stopRequested;
    private boolean started;
    private final List<Supplier<String>> progressNotes = new ArrayList<>();
    private CommandTap commandTap;
    private CommandFeed commandFeed;
    /** Tests: the backend of each camera's augmentation instead of the scenario's (null: the scenario's). */
    private Function<CameraSensor, AugmentBackend> augmentBackends;

    public Runner(Scenario scenario, BridgeConfig config, PrintStream progress) {
        this.scenario = scenario;
        this.config = config;
        this.progress = progress;
        validateSettings(scenario, config);
        this.arbiter = new CommandArbiter(BridgeConfig.LEASE_EXCLUSIVE.equals(config.leaseMode()), config.leaseTimeoutS(), config.maxSampleAgeS(), events);
        // A ROS stamped command names a time; a stamp the control stream has is its answer (lockstep waits for that).
        arbiter.attributeStampsFirstTo(config.lockstepStream());
        this.watchdog = new Watchdog(config.watchdogTimeoutS());
        this.fanout = new Fanout();
        boolean cameras = scenario.sensors().stream().anyMatch(x -> x.type().equals("camera"));
        this.renderPool = cameras ? Executors.newFixedThreadPool(config.renderThreads(), daemonThreads("render")) : null;
        this.cameraDriver = cameras ? Executors.newSingleThreadExecutor(daemonThreads("camera")) : null;
        sensors.addAll(SensorFactory.create(scenario, renderPool == null ? Runnable::run : renderPool, 2 * config.renderThreads()));
    }

    /** What a run of this scenario with this configuration would refuse; `hilbridge check` calls it too. */
    public static void validate(Scenario scenario, BridgeConfig config) {
        validateSettings(scenario, config);
        // Building the sensors checks their parameters (the constructor builds them once for the run).
        SensorFactory.create(scenario, Runnable::run, 1);
    }

    private static void validateSettings(Scenario scenario, BridgeConfig config) {
        for (int i = 0; i < scenario.faults().size(); i++) {
            String kind = scenario.faults().get(i).kind();
            if (!IMPLEMENTED_FAULTS.contains(kind)) {
                throw new IllegalArgumentException("faults(" + i + ").kind = '" + kind + "' is not allowed: allowed are "
                        + String.join(", ", IMPLEMENTED_FAULTS));
            }
        }
        if (BridgeConfig.LOCKSTEP.equals(config.pacing())
                && scenario.sensors().stream().noneMatch(s -> s.name().equals(config.lockstepStream()))) {
            throw new IllegalArgumentException("runner.lockstep_stream = '" + config.lockstepStream() + "' is not a sensor of scenario "
                    + scenario.name() + ": its sensors are " + scenario.sensors().stream().map(Scenario.SensorSpec::name).toList());
        }
        if (!List.of(BridgeConfig.FAST, BridgeConfig.LOCKSTEP, BridgeConfig.REALTIME).contains(config.pacing())) {
            throw new IllegalArgumentException("runner.pacing = '" + config.pacing() + "' is not allowed: allowed are fast, lockstep, realtime");
        }
    }

    /**
     * The stream catalog for the transports: one entry per scenario sensor, in the scenario's order, with a
     * camera's calibration and a LiDAR's layout (rate: samples per second; a LiDAR's revolutions).
     */
    public List<StreamInfo> streams() {
        List<StreamInfo> out = new ArrayList<>();
        for (int i = 0; i < scenario.sensors().size(); i++) {
            Scenario.SensorSpec spec = scenario.sensors().get(i);
            Sensor sensor = sensors.get(i);
            out.add(new StreamInfo(spec.name(), spec.type(), spec.rateHz(), spec.frameId(), spec.mount(),
                    sensor instanceof CameraSensor c ? c.cameraInfo() : null, sensor instanceof LidarSensor l ? l.params() : null,
                    imageAugmentation(sensor)));
        }
        return out;
    }

    /** Whether the transports get an AugmentedFrame after each of this sensor's frames, and which image is primary. */
    private ImageAugmentation imageAugmentation(Sensor sensor) {
        if (!(sensor instanceof CameraSensor) || !scenario.augment().enabled()) {
            return ImageAugmentation.NONE;
        }
        return AugmentSettings.AUGMENTED.equals(scenario.augment().primary()) ? ImageAugmentation.PRIMARY_AUGMENTED : ImageAugmentation.PRIMARY_RAW;
    }

    /** Where transports submit commands and leases. */
    public CommandArbiter arbiter() {
        return arbiter;
    }

    public RunEvents events() {
        return events;
    }

    /** Attaches a sink (transport, recorder, asynchronous controller) with the configured queue; before {@link #run()} only. */
    public void attach(SampleSink sink) {
        attach(sink, config.sinkQueueCapacity());
    }

    /** Attaches a sink with its own queue capacity (samples it may fall behind before losing its oldest). */
    public void attach(SampleSink sink, int queueCapacity) {
        requireNotStarted();
        fanout.attach(sink, queueCapacity);
    }

    /**
     * Attaches a sink that loses nothing: when its queue is full the simulation thread waits for it. For the
     * recorder and the replay check in fast and lockstep runs, where sim time owes the wall clock nothing and
     * a lost sample would make the bag incomplete; realtime runs attach the recorder with {@link #attach}.
     */
    public void attachLossless(SampleSink sink) {
        requireNotStarted();
        fanout.attachLossless(sink, config.sinkQueueCapacity());
    }

    /** Reports every change of the command in force (and lockstep silences) to {@code tap}; before {@link #run()} only. */
    public void tapCommands(CommandTap tap) {
        requireNotStarted();
        this.commandTap = tap;
    }

    /**
     * Replays recorded commands instead of a controller: each takes effect at its recorded step. Pacing is
     * then fast (nobody is waited for), but cameras render as the configured pacing renders them (in line for
     * lockstep, pipelined otherwise), so samples reach the sinks in the recorded order.
     */
    public void replayCommands(CommandFeed feed) {
        requireNotStarted();
        this.commandFeed = feed;
    }

    /** Attaches a controller on its own thread behind a bounded queue, like a remote stack. */
    public void attachAsync(Controller controller) {
        attach(new AsyncControllerSink(controller, arbiter));
    }

    /** Attaches a controller called on the simulation thread for each sample it wants (deterministic in any pacing). */
    public void attachSynchronous(Controller controller) {
        requireNotStarted();
        synchronousControllers.add(controller);
    }

    /** Tests: augments each camera with the backend {@code backends} makes for it instead of the scenario's; before {@link #run()} only. */
    void useAugmentBackends(Function<CameraSensor, AugmentBackend> backends) {
        requireNotStarted();
        this.augmentBackends = backends;
    }

    public void requestStop() {
        stopRequested = true;
    }

    /** Whether {@link #requestStop()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("the run has started");
        }
    }

    public RunSummary run() throws InterruptedException {
        requireNotStarted();
        started = true;
        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        Scenario.InitialPose p = scenario.initial();
        vehicle.place(p.xM(), p.yM(), p.yawRad(), p.speedMps());
        SimClock clock = new SimClock(SimClock.DEFAULT_STEP_NANOS);
        double dt = clock.stepSeconds();
        RealtimePacer realtime = BridgeConfig.REALTIME.equals(config.pacing()) ? new RealtimePacer(config.realtime()) : null;
        if (realtime != null) {
            arbiter.useArrivalClock(realtime::simNanosNow);
        }
        boolean lockstep = BridgeConfig.LOCKSTEP.equals(config.pacing());
        LockstepPacer lockstepPacer = commandFeed == null && lockstep ? new LockstepPacer(arbiter, watchdog.timeoutNanos(), () -> stopRequested) : null;
        Pacer pacer = commandFeed != null ? Pacer.FAST : lockstepPacer != null ? lockstepPacer : realtime != null ? realtime : Pacer.FAST;
        CommandConverter converter = new CommandConverter(scenario.vehicle());
        ActuatorDemand demand = new ActuatorDemand();
        CollisionDetector collisions = new CollisionDetector(scenario.world().obstacles());
        Footprint footprint = new Footprint();
        SafeStop safeStop = new SafeStop(config.safeStopBrake(), config.latchSafeStop());
        boolean[] controllerSilent = new boolean[1];
        boolean[] ended = new boolean[1];
        // Lockstep waits for the answer to each control sample once it has reached the transports (the answer to a
        // sample nobody has received cannot come): at once, or when a sensor_latency releases it.
        // Only a lockstep pacer waits for answers: other pacings skip the check (and the SampleRef it needs).
        boolean awaitsAnswers = pacer instanceof LockstepPacer;
        Consumer<SensorSample> awaitAnswer = s -> {
            // After a safe stop, lockstep no longer waits for a controller that has fallen silent.
            if (awaitsAnswers && s.streamId().equals(config.lockstepStream()) && !safeStop.active() && !ended[0]) {
                try {
                    if (!pacer.afterControlSample(SampleRef.of(s))) {
                        controllerSilent[0] = true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
        };
        // Delayed samples (sensor_latency) leave in sim time where the run is reproducible, in wall time in realtime.
        DelayedHandOff handOff = realtime != null ? new WallTimeHandOff(fanout::publish, config.realtime().factor())
                : new SimTimeHandOff(released -> {
                    fanout.publish(released);
                    awaitAnswer.accept(released);
                });
        faults = new FaultSchedule(scenario.faults(), arbiter, sensors, events, scenario.seed(), handOff, fanout::publish);

        MultiRateScheduler schedule = new MultiRateScheduler();
        List<PipelinedCamera> pipelined = new ArrayList<>();
        List<PipelinedLidar> pipelinedLidars = new ArrayList<>();
        // Realtime runs build the small sensors' samples behind the simulation too (the simulation thread takes
        // their readings into a preallocated ring and allocates nothing, issue 7); fast and lockstep build in line.
        PipelinedReadings readings = realtime != null ? PipelinedReadings.of(sensors, this::publish) : null;
        boolean awaitReadings = !synchronousControllers.isEmpty();
        // Realtime pacing augments off the simulation thread with a deadline per frame (issue 9, "Real-time
        // discipline"); fast and lockstep wait for every result, so their runs are reproducible.
        boolean realtimeAugment = pacer instanceof RealtimePacer;
        List<CameraAugmentation> polled = new ArrayList<>();
        Consumer<AugmentedFrame> publishAugmented = CameraAugmentation.publishingThenReleasing(this::publish);
        for (Sensor sensor : sensors) {
            // Realtime runs seal LiDAR revolutions on another thread (the copy is the simulation thread's largest
            // allocation); fast and lockstep runs keep sealing in line, so their sample order stays as recorded.
            if (sensor instanceof LidarSensor lidar && realtime != null) {
                PipelinedLidar behind = new PipelinedLidar(lidar, this::publish);
                pipelinedLidars.add(behind);
                schedule.register(sensor.streamId(), SimTime.periodOfHz(sensor.rateHz()), 0, now -> behind.tick(vehicle, now));
                continue;
            }
            if (sensor instanceof BufferedSensor buffered && readings != null) {
                schedule.register(sensor.streamId(), SimTime.periodOfHz(sensor.rateHz()), 0, now -> readings.read(buffered, vehicle, now));
                continue;
            }
            CameraAugmentation augmentation = sensor instanceof CameraSensor camera && scenario.augment().enabled()
                    ? new CameraAugmentation(camera, scenario.augment(), scenario.weather(),
                            augmentBackends == null ? CameraAugmentation.backend(scenario.augment()) : augmentBackends.apply(camera), realtimeAugment)
                    : null;
            if (augmentation != null) {
                augmentations.add(augmentation);
                if (augmentation.realtime()) {
                    polled.add(augmentation);
                }
            }
            // Fast and realtime runs render camera frames behind the simulation (a frame takes longer than a
            // 1 ms step); lockstep renders in line so that the controller sees each frame at its capture step.
            if (sensor instanceof CameraSensor camera && !lockstep) {
                // Realtime never waits for the renderer: a tick that finds the last frame still rendering is skipped.
                PipelinedCamera behind = new PipelinedCamera(camera, cameraDriver, this::publish, augmentation, realtime != null);
                pipelined.add(behind);
                imagePools.put(camera.streamId(), behind.pool());
                schedule.register(sensor.streamId(), SimTime.periodOfHz(sensor.rateHz()), 0, now -> behind.tick(vehicle, now));
                continue;
            }
            // Lockstep renders a camera into its pool's images, as PipelinedCamera does.
            CameraImagePool inlinePool = sensor instanceof CameraSensor camera
                    ? new CameraImagePool(camera.renderer(), PipelinedCamera.POOLED_IMAGES) : null;
            if (inlinePool != null) {
                imagePools.put(sensor.streamId(), inlinePool);
            }
            schedule.register(sensor.streamId(), SimTime.periodOfHz(sensor.rateHz()), 0, now -> {
                SensorSample s;
                AugmentedFrame augmented = null;
                if (augmentation != null) {
                    // Capture then render, as sample() does, keeping the capture's pose for the scene context.
                    CameraSensor camera = (CameraSensor) sensor;
                    CameraSensor.Capture capture = camera.capture(vehicle, now);
                    CameraFrame frame = camera.render(capture, inlinePool.acquire());
                    augmented = augmentation.apply(frame, augmentation.context(capture, vehicle));
                    s = frame;
                } else if (inlinePool != null) {
                    s = ((CameraSensor) sensor).sample(vehicle, now, inlinePool.acquire());
                } else {
                    s = sensor.sample(vehicle, now);
                }
                if (s == null) {
                    return; // a sweep slice that completed no sample
                }
                boolean delivered = publish(s);
                if (augmented != null) {
                    publish(augmented);
                }
                if (delivered) {
                    awaitAnswer.accept(s);
                }
                s.release(); // the producer's hold on a pooled frame: every holder has taken its own by now
                if (augmented != null) {
                    augmented.release(); // the stage's hold on the augmented frame, likewise
                }
            });
        }

        long endNanos = SimTime.fromSeconds(scenario.durationS());
        long progressEvery = config.progressEveryS() > 0 ? SimTime.fromSeconds(config.progressEveryS()) : Long.MAX_VALUE;
        long nextProgress = progressEvery;
        double[] trace = new double[2 * (int) Math.min(Integer.MAX_VALUE / 4, endNanos / TRACE_EVERY_NANOS + 2)];
        int traced = 0;
        double distance = 0;
        double maxSpeed = 0;
        Obstacle touching = null;
        long appliedVersion = arbiter.inForceVersion();
        boolean goalReached = false;
        long wallStart = System.nanoTime();
        fanout.start();
        try {
            while (clock.nowNanos() < endNanos) {
                long now = clock.nowNanos();
                if (stopRequested) {
                    events.record(now, RunEvent.Kind.STOPPED_BY_REQUEST, "stop requested (signal or caller)");
                    break;
                }
                arbiter.advanceTo(now);
                faults.apply(now);
                schedule.tick(now);
                if (readings != null && awaitReadings) {
                    // A synchronous controller answers this step's samples where it did when they were built in line.
                    readings.publishAll();
                }
                try {
                    pacer.beforeStep(now);
                } catch (RealtimeOverrunException e) {
                    events.record(now, RunEvent.Kind.REALTIME_OVERRUN, e.getMessage());
                    break;
                }
                if (readings != null && !awaitReadings) {
                    readings.publishSealed();   // this step's readings (sealed during the pacer's wait) and any left over
                }
                for (int i = 0; i < polled.size(); i++) {
                    polled.get(i).poll(publishAugmented);   // results ready, or raw and LATE past their deadline; never blocks
                }

                if (commandFeed != null) {
                    AppliedCommand replayed = commandFeed.commandAt(now);
                    if (replayed != null) {
                        arbiter.replay(replayed);
                    }
                    controllerSilent[0] = commandFeed.controllerSilentAt(now);
                } else if (commandTap != null && controllerSilent[0]) {
                    commandTap.controllerSilent(now);
                }
                if (controllerSilent[0] && !safeStop.active()) {
                    trip(safeStop, vehicle, now, "the controller did not answer " + config.lockstepStream() + " within "
                            + SimTime.toSeconds(watchdog.timeoutNanos()) + " s (lockstep)");
                } else if (!safeStop.active() && watchdog.expired(now, arbiter.lastAcceptedNanos(), 0)) {
                    trip(safeStop, vehicle, now, "no valid command for " + SimTime.toSeconds(watchdog.timeoutNanos()) + " s");
                }
                controllerSilent[0] = false;
                if (safeStop.active() && safeStop.mayResume(arbiter.lastAcceptedNanos())) {
                    safeStop.clear();
                    events.record(now, RunEvent.Kind.WATCHDOG_RESUMED, "valid commands resumed");
                }
                long version = arbiter.inForceVersion();
                if (version != appliedVersion) {
                    appliedVersion = version;
                    AppliedCommand command = commandTap == null ? null : arbiter.current(); // made only for a tap (the recorder)
                    if (command != null) {
                        commandTap.applied(now, command);
                    }
                }
                if (safeStop.active()) {
                    safeStop.demand(demand);
                } else if (!arbiter.applyInForce(converter, vehicle.forwardSpeedMps(), dt, demand)) {
                    demand.set(0, 0, 0);
                }

                double x = vehicle.xM();
                double y = vehicle.yM();
                vehicle.step(demand, dt);
                long after = clock.advance();
                distance += Math.hypot(vehicle.xM() - x, vehicle.yM() - y);
                maxSpeed = Math.max(maxSpeed, Math.abs(vehicle.forwardSpeedMps()));
                if (after % TRACE_EVERY_NANOS == 0 && traced + 1 < trace.length) {
                    trace[traced++] = vehicle.xM();
                    trace[traced++] = vehicle.yM();
                }
                Obstacle hit = collisions.firstHit(vehicle.footprint(footprint));
                if (hit != null && hit != touching) {
                    events.record(after, RunEvent.Kind.COLLISION, hit.name());
                }
                touching = hit;
                Scenario.Goal goal = scenario.goal();
                if (!goalReached && goal != null && Math.hypot(vehicle.xM() - goal.xM(), vehicle.yM() - goal.yM()) <= goal.radiusM()) {
                    goalReached = true;
                    events.record(after, RunEvent.Kind.GOAL_REACHED, String.format("within %.1f m of (%.1f, %.1f)", goal.radiusM(), goal.xM(), goal.yM()));
                }
                if (vehicle.isOverturned()) {
                    events.record(after, RunEvent.Kind.OVERTURNED, String.format("roll %.0f deg, pitch %.0f deg",
                            Math.toDegrees(vehicle.rollRad()), Math.toDegrees(vehicle.pitchRad())));
                    break;
                }
                if (after >= nextProgress) {
                    progress.printf("  t=%7.1f s  (%7.1f, %7.1f) m  %5.2f m/s  on %-11s %s%s%n", SimTime.toSeconds(after), vehicle.xM(), vehicle.yM(),
                            vehicle.forwardSpeedMps(), vehicle.wheel(Vehicle.FRONT_LEFT).material().name(), safeStop.active() ? "SAFE STOP" : "",
                            progressNotes());
                    nextProgress += progressEvery;
                }
            }
            for (PipelinedCamera behind : pipelined) {
                behind.flush();
            }
            for (CameraAugmentation a : polled) {
                a.drain(publishAugmented);   // the frames still in the real-time stage, each by its deadline at the latest
            }
            for (PipelinedLidar behind : pipelinedLidars) {
                behind.flush();
            }
            if (readings != null) {
                readings.flush();
            }
            for (PipelinedCamera behind : pipelined) {
                if (behind.skippedTicks() > 0) {
                    progress.printf("  camera %s: %d frames skipped (the renderer was still busy with the previous one)%n", behind.streamId(),
                            behind.skippedTicks());
                }
            }
            for (Map.Entry<String, CameraImagePool> e : imagePools.entrySet()) {
                long more = e.getValue().createdWhenEmpty();
                if (more > 0) {
                    progress.printf("  camera %s: %d images made beyond its pool of %d (every pooled image was still held by a sink, a fault or a "
                            + "delayed hand-off)%n", e.getKey(), more, PipelinedCamera.POOLED_IMAGES);
                }
            }
            for (CameraAugmentation a : augmentations) {
                long more = a.pixelsMadeBeyondPool();
                if (more > 0) {
                    progress.printf("  camera %s: %d augmented pixel buffers made beyond its pool of %d (every pooled buffer was still held by a "
                            + "sink, a fault or a delayed hand-off)%n", a.streamId(), more, Augmenter.POOLED_PIXELS);
                }
            }
        } finally {
            for (PipelinedLidar behind : pipelinedLidars) {
                behind.close();
            }
            for (PipelinedCamera behind : pipelined) {
                behind.close();
            }
            if (readings != null) {
                readings.close();
            }
            for (CameraAugmentation a : augmentations) {
                progress.printf("  augment: %s%n", a.stats());
                augmentSummaries.add(a.summary());
                a.close();
            }
            ended[0] = true; // samples still held go out without a lockstep wait
            try {
                faults.flush(); // samples a sensor_latency still holds reach the sinks before they close
            } finally {
                fanout.close(2000);
                if (renderPool != null) {
                    renderPool.shutdownNow();
                    cameraDriver.shutdownNow();
                }
            }
        }
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        List<RunEvent> all = events.all();
        List<AugmentSummary> augmentSummary = List.copyOf(augmentSummaries);
        return new RunSummary(scenario.name(), scenario.seed(), config.pacing(), SimTime.toSeconds(clock.nowNanos()), wallS, distance, maxSpeed,
                all, arbiter.stats(), fanout.drops(), CriteriaEvaluator.evaluate(scenario.criteria(), scenario.durationS(), all),
                stopRequested, Arrays.copyOf(trace, traced), realtime == null ? null : realtime.stats(),
                lockstepPacer == null ? null : lockstepPacer.answerTimes(), augmentSummary);
    }

    /** Each camera's image pool by stream, once the run has started; for tests. */
    Map<String, CameraImagePool> imagePools() {
        return imagePools;
    }

    /** Augmented pixel buffers made beyond each augmented camera's pool, by stream, once the run has started; for tests. */
    Map<String, Long> augmentedPixelsBeyondPool() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (CameraAugmentation a : augmentations) {
            out.put(a.streamId(), a.pixelsMadeBeyondPool());
        }
        return out;
    }

    /** What attached parts add to each progress line (e.g. the recorder's bag size). */
    public void addProgressNote(Supplier<String> note) {
        requireNotStarted();
        progressNotes.add(note);
    }

    private String progressNotes() {
        StringBuilder b = new StringBuilder();
        for (Supplier<String> n : progressNotes) {
            b.append("  ").append(n.get());
        }
        return b.toString();
    }

    /** Publishes a captured sample; true when it reached the transports now (not dropped, not held by a latency). */
    private boolean publish(SensorSample captured) {
        // Dropout and frozen frames decide what is published at all; clock jump and latency act on the wire.
        if (captured instanceof AugmentedFrame augmented) {
            // An augmented frame goes to the transports only (it carries its raw frame's stream and sequence,
            // which the arbiter and the controllers have seen), and shares its raw frame's fate: dropped with
            // it; delayed and restamped on the wire like it. It is not frozen by frozen_frames (the augmentation
            // is a stage after the sensor).
            return !faults.dropped(augmented) && faults.toTransports(augmented);
        }
        SensorSample s = faults.published(captured);
        if (s == null) {
            return false;
        }
        arbiter.onSamplePublished(s);
        for (int i = 0; i < synchronousControllers.size(); i++) {
            Controller c = synchronousControllers.get(i);
            try {
                // Into the runner's reusable slot, submitted by stream and sequence: no allocation per answer (issue 7).
                if (c.wants(s) && c.answer(s, answer)) {
                    arbiter.submitSynchronous(c.name(), answer, s.streamId(), s.sequence());
                }
            } catch (Exception e) {
                throw new IllegalStateException("controller " + c.name() + " failed on " + SampleRef.of(s) + ": " + e.getMessage(), e);
            }
        }
        return faults.toTransports(s);
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void trip(SafeStop safeStop, Vehicle vehicle, long now, String why) {
        safeStop.engage(vehicle.steeringAngleRad(), now);
        if (safeStop.latched()) {
            arbiter.latchSafeStop();
        }
        events.record(now, RunEvent.Kind.WATCHDOG_STOP, why);
    }
}
