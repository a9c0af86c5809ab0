package org.hilbridge.hil.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * What the reference stack is told: where the bridge is, the scenario it drives (its route, vehicle geometry,
 * start pose, sensor names and GNSS datum are read from that file, with the same --set overrides as the
 * run), and its driving parameters.
 *
 * @param cruiseSpeedMps    speed held on clear ground
 * @param mudSpeedMps       speed cap while the camera sees mud ahead
 * @param cameraRule        whether the camera's mud rule may slow the vehicle (off: it is still evaluated and reported)
 * @param cameraRateHz      camera frames asked for (the server decimates)
 * @param pingEveryMs       time-sync ping period
 * @param exitOnDisconnect  end when the bridge closes the session (the run is over) instead of reconnecting
 */
public record StackSettings(String host, int port, String token, String name, Path scenario, List<String> overrides,
                            double cruiseSpeedMps, double mudSpeedMps, double lookaheadM, boolean cameraRule, double cameraRateHz,
                            long pingEveryMs, boolean exitOnDisconnect) {
    public StackSettings {
        overrides = List.copyOf(overrides);
        requirePositive("--cruise-speed-mps", cruiseSpeedMps);
        requirePositive("--mud-speed-mps", mudSpeedMps);
        requirePositive("--lookahead-m", lookaheadM);
        requirePositive("--camera-rate-hz", cameraRateHz);
        if (pingEveryMs <= 0) {
            throw new IllegalArgumentException("--ping-every-ms = " + pingEveryMs + " is not allowed: it must be > 0");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port = " + port + " is not allowed: it must be in [1, 65535]");
        }
    }

    /** Defaults for everything but the address and the scenario. */
    public static StackSettings defaults(String host, int port, Path scenario, List<String> overrides) {
        return new StackSettings(host, port, null, "reference-stack", scenario, overrides, 6.0, 3.0, 6.0, true, 10.0, 500, true);
    }

    public StackSettings withCameraRule(boolean on) {
        return new StackSettings(host, port, token, name, scenario, overrides, cruiseSpeedMps, mudSpeedMps, lookaheadM, on, cameraRateHz, pingEveryMs,
                exitOnDisconnect);
    }

    public StackSettings withCruiseSpeed(double mps) {
        return new StackSettings(host, port, token, name, scenario, overrides, mps, mudSpeedMps, lookaheadM, cameraRule, cameraRateHz, pingEveryMs,
                exitOnDisconnect);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " is not allowed: it must be a finite number > 0");
        }
    }
}
