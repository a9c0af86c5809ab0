package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.photometric.PhotometricSpace.*;

import org.hilbridge.augment.param.ParameterSet;

/** A parameter set read once into the numbers the passes use. */
record Settings(float fogExtinctionPerM, float airlight, float dust, float rainRateMmH, float rainExtinctionPerM, float wetness,
                float snowRate, float snowExtinctionPerM, float sunScale, float skyScale, float sunElevationDeltaDeg,
                float exposureGain, float wbRed, float wbBlue, float lightLevel, float fullWellE, float readNoiseE,
                float blurExposureS, float defocusPx, float vignetting, float dirt, int jpegQuality) {

    /** -ln(0.05): Koschmieder's visibility at the 5 % contrast threshold is V = -ln(0.05) / beta (CIE 17.4, 845-11-21). */
    static final double KOSCHMIEDER_5_PERCENT = -Math.log(0.05);

    static Settings of(ParameterSet p) {
        double v = p.get(FOG_VISIBILITY_M);
        double rain = p.get(RAIN_RATE_MM_H);
        double snow = p.get(SNOW_RATE);
        return new Settings((float) (Double.isInfinite(v) ? 0 : KOSCHMIEDER_5_PERCENT / v), (float) p.get(FOG_AIRLIGHT), (float) p.get(FOG_DUST),
                (float) rain, (float) rainExtinctionPerM(rain), (float) p.get(RAIN_WETNESS),
                (float) snow, (float) (snow * KOSCHMIEDER_5_PERCENT / HEAVY_SNOW_VISIBILITY_M),
                (float) p.get(LIGHT_SUN_SCALE), (float) p.get(LIGHT_SKY_SCALE), (float) p.get(LIGHT_SUN_ELEVATION_DELTA_DEG),
                (float) Math.pow(2, p.get(SENSOR_EXPOSURE_EV)), (float) p.get(SENSOR_WB_RED_GAIN), (float) p.get(SENSOR_WB_BLUE_GAIN),
                (float) p.get(SENSOR_LIGHT_LEVEL), (float) p.get(NOISE_FULL_WELL_E), (float) p.get(NOISE_READ_NOISE_E),
                (float) (p.get(BLUR_EXPOSURE_MS) / 1000), (float) p.get(LENS_DEFOCUS_PX), (float) p.get(LENS_VIGNETTING),
                (float) p.get(LENS_DIRT), (int) Math.round(p.get(CODEC_JPEG_QUALITY)));
    }

    /**
     * Visibility in heavy snow: 400 m, the US National Weather Service's "heavy snow" (visibility of 1/4 mile
     * or less); snow.rate = 1 gives this visibility, lighter snow proportionally less extinction.
     */
    static final double HEAVY_SNOW_VISIBILITY_M = 400;

    /**
     * Extinction by rain in the visible and near infrared: alpha = 1.076 R^0.67 dB/km for a rain rate R in mm/h
     * (Carbonneau, as quoted by Kim and Korevaar, "Availability of free space optics (FSO) and hybrid FSO/RF
     * systems", Proc. SPIE 4530, 2001); dB/km to 1/m: x ln(10) / 10 / 1000. 25 mm/h gives a visibility of ~1.4 km.
     */
    static double rainExtinctionPerM(double rateMmH) {
        return rateMmH <= 0 ? 0 : 1.076 * Math.pow(rateMmH, 0.67) * Math.log(10) / 10 / 1000;
    }

    boolean relights() {
        return sunScale != 1 || skyScale != 1 || sunElevationDeltaDeg != 0;
    }

    float extinctionPerM() {
        return fogExtinctionPerM + rainExtinctionPerM + snowExtinctionPerM;
    }

    boolean noisy() {
        return Float.isFinite(fullWellE) || readNoiseE > 0;
    }
}
