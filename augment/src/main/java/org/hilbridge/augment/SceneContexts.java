package org.hilbridge.augment;

import org.hilbridge.sim.math.Rotation;
import org.hilbridge.sim.math.StrictTrig;
import org.hilbridge.sim.math.Vec3;
import org.hilbridge.sim.sensor.camera.CameraParams;

/**
 * Builds a {@link SceneContext} from what the simulation knows: the camera's lighting (sim-core's
 * CameraParams.Lighting, the light the frame was rendered in), the camera body's orientation in the world
 * (the rotation CameraRenderer.render takes: body x forward, y left, z up) and the camera's velocity in the
 * world (ENU). The optical frame is x right = -y, y down = -z, z forward = x of the camera body (REP-103),
 * the sun's direction is the renderer's (azimuth clockwise from north = +y towards east = +x).
 */
public final class SceneContexts {
    private SceneContexts() {
    }

    public static SceneContext of(CameraParams.Lighting light, Rotation cameraBodyToWorld, Vec3 velocityWorldMps) {
        double az = StrictMath.toRadians(light.sunAzimuthDeg());
        double el = StrictMath.toRadians(light.sunElevationDeg());
        Vec3 sun = optical(cameraBodyToWorld, new Vec3(StrictTrig.sin(az) * StrictTrig.cos(el), StrictTrig.cos(az) * StrictTrig.cos(el), StrictTrig.sin(el)));
        Vec3 up = optical(cameraBodyToWorld, new Vec3(0, 0, 1));
        Vec3 vel = optical(cameraBodyToWorld, new Vec3(velocityWorldMps.x, velocityWorldMps.y, velocityWorldMps.z));
        double skyRadiance = luminance(light.skyRgb());
        return new SceneContext(new Vector3(vel.x, vel.y, vel.z), new Vector3(sun.x, sun.y, sun.z), new Vector3(up.x, up.y, up.z),
                skyRadiance, el > 0 ? luminance(light.sunRgb()) : 0, light.ambient() * skyRadiance);
    }

    /** Rec. 709 / sRGB luminance of a linear colour (ITU-R BT.709-6). */
    static double luminance(CameraParams.Rgb c) {
        return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
    }

    private static Vec3 optical(Rotation bodyToWorld, Vec3 world) {
        Vec3 b = bodyToWorld.toBody(world, new Vec3());
        return b.set(-b.y, -b.z, b.x);
    }
}
