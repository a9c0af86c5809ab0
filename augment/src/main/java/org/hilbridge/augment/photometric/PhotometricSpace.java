package org.hilbridge.augment.photometric;

import static org.hilbridge.augment.param.ParamSpec.Scale.LINEAR;
import static org.hilbridge.augment.param.ParamSpec.Scale.LOG;

import java.util.List;
import org.hilbridge.augment.param.ParamSpec;
import org.hilbridge.augment.param.ParameterSpace;

/**
 * The parameters of the physically based backend with their widest domains (a scenario may narrow them:
 * augment.domain.KEY). Each has an identity value at which it does nothing; all at identity, the backend
 * returns the raw frame's pixels (within the sRGB round trip).
 */
public final class PhotometricSpace {
    public static final String FOG_VISIBILITY_M = "fog.visibility_m";
    public static final String FOG_AIRLIGHT = "fog.airlight";
    public static final String FOG_DUST = "fog.dust";
    public static final String RAIN_RATE_MM_H = "rain.rate_mm_h";
    public static final String RAIN_WETNESS = "rain.wetness";
    public static final String SNOW_RATE = "snow.rate";
    public static final String LIGHT_SUN_SCALE = "light.sun_scale";
    public static final String LIGHT_SKY_SCALE = "light.sky_scale";
    public static final String LIGHT_SUN_ELEVATION_DELTA_DEG = "light.sun_elevation_delta_deg";
    public static final String SENSOR_EXPOSURE_EV = "sensor.exposure_ev";
    public static final String SENSOR_WB_RED_GAIN = "sensor.wb_red_gain";
    public static final String SENSOR_WB_BLUE_GAIN = "sensor.wb_blue_gain";
    public static final String SENSOR_LIGHT_LEVEL = "sensor.light_level";
    public static final String NOISE_FULL_WELL_E = "noise.full_well_e";
    public static final String NOISE_READ_NOISE_E = "noise.read_noise_e";
    public static final String BLUR_EXPOSURE_MS = "blur.exposure_ms";
    public static final String LENS_DEFOCUS_PX = "lens.defocus_px";
    public static final String LENS_VIGNETTING = "lens.vignetting";
    public static final String LENS_DIRT = "lens.dirt";
    public static final String CODEC_JPEG_QUALITY = "codec.jpeg_quality";

    public static final ParameterSpace SPACE = new ParameterSpace(List.of(
            new ParamSpec(FOG_VISIBILITY_M, "m", 20, 20000, Double.POSITIVE_INFINITY, LOG,
                    "meteorological visibility of fog, haze or dust (Koschmieder, 5 % contrast threshold); inf: clear air"),
            new ParamSpec(FOG_AIRLIGHT, "linear", 0.05, 1.5, 0.8, LINEAR, "radiance of the horizon sky in fog (airlight), linear RGB grey level"),
            new ParamSpec(FOG_DUST, "1", 0, 1, 0, LINEAR, "airlight tint from neutral (0) to dust brown (1)"),
            new ParamSpec(RAIN_RATE_MM_H, "mm/h", 0.5, 100, 0, LOG, "rain rate: streaks and rain haze; 0: no rain"),
            new ParamSpec(RAIN_WETNESS, "1", 0, 1, 0, LINEAR, "wetness of the ground (darkening, sky reflection); 0: dry"),
            new ParamSpec(SNOW_RATE, "1", 0, 1, 0, LINEAR, "snowfall from none (0) to heavy (1: about 400 m visibility)"),
            new ParamSpec(LIGHT_SUN_SCALE, "1", 0, 2, 1, LINEAR, "direct sunlight relative to the render (0: overcast or night)"),
            new ParamSpec(LIGHT_SKY_SCALE, "1", 0.01, 2, 1, LINEAR, "sky light relative to the render (dusk, night: low)"),
            new ParamSpec(LIGHT_SUN_ELEVATION_DELTA_DEG, "deg", -60, 30, 0, LINEAR, "change of the sun's elevation (time of day)"),
            new ParamSpec(SENSOR_EXPOSURE_EV, "EV", -4, 4, 0, LINEAR, "exposure change in stops"),
            new ParamSpec(SENSOR_WB_RED_GAIN, "1", 0.5, 2, 1, LINEAR, "white-balance gain of red"),
            new ParamSpec(SENSOR_WB_BLUE_GAIN, "1", 0.5, 2, 1, LINEAR, "white-balance gain of blue"),
            new ParamSpec(SENSOR_LIGHT_LEVEL, "1", 0.001, 1, 1, LOG,
                    "scene light relative to the render, made up by sensor gain (low light: noise grows as 1/sqrt)"),
            new ParamSpec(NOISE_FULL_WELL_E, "e-", 500, 100000, Double.POSITIVE_INFINITY, LOG,
                    "photo-electrons at full scale (Poisson part of the noise); inf: no noise"),
            new ParamSpec(NOISE_READ_NOISE_E, "e-", 0, 50, 0, LINEAR, "read noise, electrons rms (Gaussian part)"),
            new ParamSpec(BLUR_EXPOSURE_MS, "ms", 0.5, 50, 0, LOG, "exposure time for motion blur from the vehicle's velocity; 0: none"),
            new ParamSpec(LENS_DEFOCUS_PX, "px", 1, 8, 0, LINEAR, "defocus blur radius; 0: sharp"),
            new ParamSpec(LENS_VIGNETTING, "1", 0, 1, 0, LINEAR, "share of the cos^4 natural vignetting applied"),
            new ParamSpec(LENS_DIRT, "1", 0, 1, 0, LINEAR, "opacity of dirt spots on the lens"),
            new ParamSpec(CODEC_JPEG_QUALITY, "1", 5, 95, 100, LINEAR, "JPEG quality (IJG scale) of the compression artefacts; 100: none")));

    private PhotometricSpace() {
    }
}
