package org.hilbridge.augment;

import java.util.Objects;

/**
 * What the augmentation knows of the world at the frame's capture time, beyond the pixels: the camera's
 * velocity and the light the frame was rendered in, all in the camera's optical frame (REP-103: x right,
 * y down, z forward), the frame the image's normals are in.
 *
 * @param velocityOpticalMps the camera's velocity relative to the (static) scene, m/s, optical frame (ground truth)
 * @param sunOptical         unit vector towards the sun as rendered, optical frame
 * @param upOptical          unit vector of world up (ENU z), optical frame
 * @param skyRadiance        radiance of the sky as the camera sees it (luminance of Lighting.skyRgb), &gt;= 0
 * @param sunIrradiance      direct sun irradiance of the render (luminance of CameraParams.Lighting.sunRgb), &gt;= 0;
 *                           0 when the sun is below the horizon
 * @param skyIrradiance      the sky's light on an upward surface (Lighting.ambient x luminance of skyRgb), &gt;= 0
 */
public record SceneContext(Vector3 velocityOpticalMps, Vector3 sunOptical, Vector3 upOptical, double skyRadiance, double sunIrradiance,
                           double skyIrradiance) {
    /**
     * A camera at rest, looking level, under the default daylight of sim-core's CameraParams.Lighting.DEFAULT
     * (sun 50 degrees up, straight ahead and to the right; luminances of its sun and sky colours).
     */
    public static final SceneContext STILL_DAYLIGHT = new SceneContext(Vector3.ZERO,
            new Vector3(0.45, -0.766, 0.459).unit(), new Vector3(0, -1, 0), 0.58, 0.96, 0.45 * 0.58);

    public SceneContext {
        Objects.requireNonNull(velocityOpticalMps, "velocityOpticalMps");
        Objects.requireNonNull(sunOptical, "sunOptical");
        Objects.requireNonNull(upOptical, "upOptical");
        if (!(skyRadiance >= 0) || !Double.isFinite(skyRadiance)) {
            throw new IllegalArgumentException("skyRadiance = " + skyRadiance + " is not allowed: it must be a finite number >= 0");
        }
        if (!(sunIrradiance >= 0) || !Double.isFinite(sunIrradiance)) {
            throw new IllegalArgumentException("sunIrradiance = " + sunIrradiance + " is not allowed: it must be a finite number >= 0");
        }
        if (!(skyIrradiance >= 0) || !Double.isFinite(skyIrradiance)) {
            throw new IllegalArgumentException("skyIrradiance = " + skyIrradiance + " is not allowed: it must be a finite number >= 0");
        }
        sunOptical = sunOptical.unit();
        upOptical = upOptical.unit();
    }

    public SceneContext withVelocity(Vector3 newVelocityOpticalMps) {
        return new SceneContext(newVelocityOpticalMps, sunOptical, upOptical, skyRadiance, sunIrradiance, skyIrradiance);
    }
}
