package org.hilbridge.hil.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.record.BagMessage;
import org.hilbridge.hil.record.BagReader;

/**
 * The rgb8 camera images of one topic of a recorded run ({@code hilbridge run --record}), decoded from the
 * sensor_msgs/Image layout (ROS 1 serialisation, little-endian; http://wiki.ros.org/msg and
 * sensor_msgs/Image.msg): Header (seq uint32, stamp 2 x uint32, frame_id string), height uint32, width uint32,
 * encoding string, is_bigendian uint8, step uint32, data uint8[] (uint32 length + bytes).
 */
record BagImages(String topic, List<Frame> frames) {
    /** One decoded image: width, height and packed RGB bytes (3 per pixel, rows without padding). */
    record Frame(int widthPx, int heightPx, byte[] rgb) {
    }

    static BagImages read(Path bag, String topic) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (BagReader reader = BagReader.open(bag)) {
            for (BagMessage m : reader.messagesOn(topic)) {
                if (!m.connection().type().equals("sensor_msgs/Image")) {
                    throw new IllegalArgumentException("--bag = '" + bag + "': topic " + topic + " has type " + m.connection().type()
                            + ", expected sensor_msgs/Image");
                }
                frames.add(decode(reader.read(m), bag, topic, m.timeNanos()));
            }
        }
        return new BagImages(topic, List.copyOf(frames));
    }

    private static Frame decode(byte[] body, Path bag, String topic, long timeNanos) {
        String where = "--bag = '" + bag + "': " + topic + " message at " + timeNanos + " ns";
        try {
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            b.position(12); // header.seq, header.stamp
            string(b);      // header.frame_id
            int height = b.getInt(), width = b.getInt();
            String encoding = string(b);
            b.get(); // is_bigendian: irrelevant for 8-bit channels
            int step = b.getInt();
            int length = b.getInt();
            if (!encoding.equals("rgb8")) {
                throw new IllegalArgumentException(where + " has encoding '" + encoding + "': only rgb8 is supported");
            }
            if (width <= 0 || height <= 0 || step < 3 * width || (long) step * height != length || length != b.remaining()) {
                throw new IllegalArgumentException(where + " is inconsistent: " + width + "x" + height + " step " + step + ", data "
                        + length + " bytes, " + b.remaining() + " left");
            }
            byte[] rgb = new byte[3 * width * height];
            for (int y = 0; y < height; y++) {
                b.get(b.position() + y * step, rgb, y * 3 * width, 3 * width);
            }
            return new Frame(width, height, rgb);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(where + " is truncated (" + body.length + " bytes): not a sensor_msgs/Image");
        }
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IndexOutOfBoundsException();
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
