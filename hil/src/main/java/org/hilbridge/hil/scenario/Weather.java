package org.hilbridge.hil.scenario;

/**
 * Weather sets appearance and surface condition together: rain wets asphalt and softens soil, snow lays
 * snow. A scenario that wants them apart sets {@code weather.surface} explicitly; {@code surface} here is
 * the resolved condition either way.
 *
 * @param intensity 0 (none) to 1 (heaviest), for appearance (rain rate, fog density, darkness)
 */
public record Weather(Condition condition, double intensity, Surface surface) {
    public enum Condition { CLEAR, RAIN, SNOW, FOG, NIGHT }

    public enum Surface { DRY, WET, SNOW }

    public static Weather clear() {
        return new Weather(Condition.CLEAR, 0, Surface.DRY);
    }
}
