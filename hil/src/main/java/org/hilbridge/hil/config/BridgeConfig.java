package org.hilbridge.hil.config;

import org.hilbridge.bridge.socket.server.SocketServerConfig;

/**
 * The bridge configuration (not the scenario): how the runner paces, the arbiter and watchdog settings,
 * sink queues and the in-process controller. Produced by the configuration loader from a properties or YAML
 * file, the environment and --set overrides.
 *
 * @param pacing               fast or lockstep (realtime arrives with issue 7)
 * @param lockstepStream       the sensor whose every sample the controller must answer in lockstep
 * @param watchdogTimeoutS     no valid command for this long (sim time; in lockstep also the wall-clock wait) brings a safe stop
 * @param safeStopBrake        brake demand of a safe stop, (0, 1]
 * @param latchSafeStop        once stopped, stay stopped for the rest of the run (else a valid command resumes)
 * @param leaseMode            open: any source may command; exclusive: only the lease holder
 * @param leaseTimeoutS        an exclusive lease not renewed (by commands or renewals) for this long expires
 * @param maxSampleAgeS        a command naming a sample captured longer ago than this (sim time) is stale
 * @param sinkQueueCapacity    samples buffered per sink before it loses its oldest
 * @param controller           the in-process controller: route_follower or none
 * @param controllerSpeedMps   route follower's speed
 * @param controllerLookaheadM route follower's pure-pursuit look-ahead
 * @param progressEveryS       sim seconds between progress lines (0: none)
 * @param renderThreads        threads that render camera frames (the result is the same for any count)
 * @param realtime             how realtime pacing keeps to the wall clock
 * @param socketEnabled        serve the protobuf socket (socket.enabled)
 * @param socket               the protobuf socket's settings (socket.*)
 * @param ros                  the ROS 1 node and topics (ros.*)
 */
public record BridgeConfig(String pacing, String lockstepStream, double watchdogTimeoutS, double safeStopBrake, boolean latchSafeStop,
                           String leaseMode, double leaseTimeoutS, double maxSampleAgeS, int sinkQueueCapacity,
                           String controller, double controllerSpeedMps, double controllerLookaheadM, double progressEveryS,
                           int renderThreads, Realtime realtime, boolean socketEnabled, SocketServerConfig socket,
                           RosSettings ros) {
    public static final String FAST = "fast";
    public static final String LOCKSTEP = "lockstep";
    public static final String REALTIME = "realtime";
    public static final String LEASE_OPEN = "open";
    public static final String LEASE_EXCLUSIVE = "exclusive";
    public static final String CONTROLLER_ROUTE_FOLLOWER = "route_follower";
    public static final String CONTROLLER_NONE = "none";

    /** The defaults, as documented in launch/config/bridge.properties. */
    public static BridgeConfig defaults() {
        return new BridgeConfig(FAST, "ground_truth", 0.5, 0.6, true, LEASE_OPEN, 1.0, 0.5, 64, CONTROLLER_ROUTE_FOLLOWER, 5.0, 8.0, 10.0, 2,
                Realtime.DEFAULTS, false, SocketServerConfig.defaults(), RosSettings.DEFAULTS);
    }

    /** This configuration with another pacing mode. */
    public BridgeConfig withPacing(String newPacing) {
        return new BridgeConfig(newPacing, lockstepStream, watchdogTimeoutS, safeStopBrake, latchSafeStop, leaseMode, leaseTimeoutS, maxSampleAgeS,
                sinkQueueCapacity, controller, controllerSpeedMps, controllerLookaheadM, progressEveryS, renderThreads, realtime, socketEnabled, socket, ros);
    }

    /**
     * Realtime pacing (runner.pacing = realtime).
     *
     * @param factor             sim seconds per wall second (1: real time)
     * @param overrunPolicy      what a step later than the tolerance does: catch_up, slip or fail (see RealtimePacer)
     * @param overrunToleranceMs a step starting later than this after its deadline is an overrun, wall ms
     * @param spinUs             the pacer parks until this long before a deadline, then spins, wall microseconds
     */
    public record Realtime(double factor, String overrunPolicy, double overrunToleranceMs, double spinUs) {
        public static final String CATCH_UP = "catch_up";
        public static final String SLIP = "slip";
        public static final String FAIL = "fail";
        public static final java.util.List<String> POLICIES = java.util.List.of(CATCH_UP, SLIP, FAIL);
        public static final Realtime DEFAULTS = new Realtime(1.0, CATCH_UP, 5.0, 200);
    }
}
