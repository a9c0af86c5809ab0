package org.hilbridge.hil.scenario;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the scenario's weather does to the camera's appearance, so the picture agrees with the ground the
 * physics drives on (WeatherSurfaces sets the surface; this sets the look). Intensity 0 to 1 spans, per condition:
 * <pre>
 * condition | parameters (i = intensity)
 * ----------+--------------------------------------------------------------------------------------------
 * clear     | nothing
 * fog       | visibility 2000 m x (30 / 2000)^i (log-linear: 2 km haze to 30 m thick fog)
 * rain      | rain rate 1 x 50^i mm/h; overcast: sun x (1 - 0.8 i), sky x (1 - 0.4 i)
 * snow      | snowfall i; overcast: sun x (1 - 0.7 i)
 * night     | no sun; sky x 0.3 (1 - i) (at least 0.01); scene light 10^(-1 - i) relative to the render's
 *           | exposure (street-lit to moonlit, after the camera's longer exposure), made up by sensor gain, with
 *           | a 20000 e- full well and 3 e- read noise (a typical automotive CMOS sensor; our estimate)
 * surface   | wet: ground wetness 0.5 + 0.5 i (rain) or 0.6 (other conditions); snow: nothing more (the render
 *           | already draws the snow-covered ground)
 * </pre>
 */
public final class WeatherAppearance {
    private WeatherAppearance() {
    }

    public static Map<String, Double> of(Weather w) {
        double i = w.intensity();
        Map<String, Double> p = new TreeMap<>();
        switch (w.condition()) {
            case FOG -> p.put(FOG_VISIBILITY_M, 2000 * Math.pow(30 / 2000.0, i));
            case RAIN -> {
                p.put(RAIN_RATE_MM_H, Math.pow(50, i));
                p.put(LIGHT_SUN_SCALE, 1 - 0.8 * i);
                p.put(LIGHT_SKY_SCALE, 1 - 0.4 * i);
            }
            case SNOW -> {
                if (i > 0) {
                    p.put(SNOW_RATE, i);
                }
                p.put(LIGHT_SUN_SCALE, 1 - 0.7 * i);
            }
            case NIGHT -> {
                p.put(LIGHT_SUN_SCALE, 0.0);
                p.put(LIGHT_SKY_SCALE, Math.max(0.01, 0.3 * (1 - i)));
                p.put(SENSOR_LIGHT_LEVEL, Math.pow(10, -1 - i));
                p.put(NOISE_FULL_WELL_E, 20000.0);
                p.put(NOISE_READ_NOISE_E, 3.0);
            }
            default -> {
            }
        }
        if (w.surface() == Weather.Surface.WET) {
            p.put(RAIN_WETNESS, w.condition() == Weather.Condition.RAIN ? 0.5 + 0.5 * i : 0.6);
        }
        return p;
    }
}
