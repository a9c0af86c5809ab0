package org.hilbridge.hil.regress;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.hilbridge.augment.AugmentedFrame;
import org.hilbridge.bridge.link.SampleSink;
import org.hilbridge.sim.sensor.SensorSample;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.time.SimTime;

/**
 * Keeps, per camera stream, the first raw frame captured at or after each snapshot time, and the augmented
 * frame of the same sequence when the scenario augments its cameras; writes them as PNGs after the run.
 * A sink on its own queue: it only holds references (frames are immutable; a pooled one retained), the sim thread never waits for it.
 */
final class CameraSnapshots implements SampleSink {
    private final long[] atNanos;
    /** stream/index -> raw frame; the augmented frames by stream#sequence of a kept raw frame. */
    private final Map<String, CameraFrame> raw = new ConcurrentHashMap<>();
    private final Map<String, AugmentedFrame> augmented = new ConcurrentHashMap<>();

    /** @param atS the snapshot times, s of sim time, ascending */
    CameraSnapshots(double... atS) {
        this.atNanos = new long[atS.length];
        for (int i = 0; i < atS.length; i++) {
            atNanos[i] = SimTime.fromSeconds(atS[i]);
        }
    }

    @Override
    public String name() {
        return "regress:camera_snapshots";
    }

    @Override
    public void accept(SensorSample sample) {
        if (sample instanceof CameraFrame f) {
            for (int i = 0; i < atNanos.length; i++) {
                // Kept to the end of the run: a hold on a pooled image, never given up (CameraFrame's rule: the
                // image is then garbage collected with this sink instead of rendered into again).
                if (f.captureNanos() >= atNanos[i] && raw.putIfAbsent(f.streamId() + "/" + i, f) == null) {
                    f.retain();
                }
            }
        } else if (sample instanceof AugmentedFrame a) {
            for (int i = 0; i < atNanos.length; i++) {
                CameraFrame kept = raw.get(a.streamId() + "/" + i);
                if (kept != null && kept.sequence() == a.sequence() && augmented.putIfAbsent(a.streamId() + "/" + i, a) == null) {
                    a.retain(); // kept to the end as the raw frame is: pooled pixels are not written again
                }
            }
        }
    }

    /** Writes camera_STREAM_N_raw.png (and _augmented.png); returns caption to file name, in stream and time order. */
    Map<String, String> write(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(raw.keySet());
        keys.sort(null);
        for (String key : keys) {
            CameraFrame f = raw.get(key);
            String base = "camera_" + key.replace('/', '_');
            String at = String.format("%s at %.2f s", f.streamId(), SimTime.toSeconds(f.captureNanos()));
            ImageIO.write(image(f.width(), f.height(), f.image().rgbData()), "png", dir.resolve(base + "_raw.png").toFile());
            files.put(at + " (raw)", base + "_raw.png");
            AugmentedFrame a = augmented.get(key);
            if (a != null) {
                ImageIO.write(image(a.width(), a.height(), a.rgb8()), "png", dir.resolve(base + "_augmented.png").toFile());
                files.put(at + " (augmented, " + a.outcome() + ")", base + "_augmented.png");
            }
        }
        return files;
    }

    /** rgb8, row-major from the top-left (sensor_msgs/Image's rgb8 layout). */
    private static BufferedImage image(int width, int height, byte[] rgb8) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = 3 * (v * width + u);
                img.setRGB(u, v, (rgb8[i] & 0xff) << 16 | (rgb8[i + 1] & 0xff) << 8 | (rgb8[i + 2] & 0xff));
            }
        }
        return img;
    }
}
