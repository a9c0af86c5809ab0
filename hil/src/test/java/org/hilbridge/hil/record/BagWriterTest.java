package org.hilbridge.hil.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's layout against the format spec (http://wiki.ros.org/Bags/Format/2.0) and bag.py's writer, and
 * the writer/reader round trip. Debian's rosbag judges the same files in {@link RosbagInteropTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BagWriterTest {
    @TempDir
    Path dir;

    private static BagConnection imu(BagWriter w) {
        return w.addConnection("/imu/data", "sensor_msgs/Imu", "6a62c6daae103f4ff57a132d6f95cec2", "def", "/hilbridge", false);
    }

    @Test
    void theBagHeaderIsPaddedTo4096BytesAndPointsAtTheIndex() throws Exception {
        Path bag = dir.resolve("h.bag");
        try (BagWriter w = BagWriter.create(bag)) {
            BagConnection c = imu(w);
            w.write(c, 1_500_000_000L, new byte[] {1, 2, 3});
        }
        byte[] file = Files.readAllBytes(bag);
        assertEquals("#ROSBAG V2.0\n", new String(file, 0, 13, StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = b.getInt(13);
        int dataLen = b.getInt(13 + 4 + headerLen);
        // bag.py _write_record(..., padded_size=_FILE_HEADER_LENGTH): header + padding = 4096 bytes of spaces
        assertEquals(4096, headerLen + dataLen);
        for (int i = 13 + 8 + headerLen; i < 13 + 8 + 4096; i++) {
            assertEquals(' ', file[i], "padding byte " + i);
        }
        try (BagReader r = BagReader.open(bag)) {
            assertTrue(r.indexPos() > BagFormat.FIRST_RECORD_POS, "index_pos " + r.indexPos());
            assertEquals(1, r.headerConnectionCount());
            assertEquals(1, r.headerChunkCount());
            // index_pos points at the connection record the index section starts with (op 7)
            int h = b.getInt((int) r.indexPos());
            byte[] header = Arrays.copyOfRange(file, (int) r.indexPos() + 4, (int) r.indexPos() + 4 + h);
            assertArrayEquals(new byte[] {BagFormat.OP_CONNECTION}, BagFormat.parseHeader(header, 0).get("op"));
        }
        // the first chunk starts right after the padded bag header
        int chunkHeaderLen = b.getInt((int) BagFormat.FIRST_RECORD_POS);
        byte[] chunkHeader = Arrays.copyOfRange(file, (int) BagFormat.FIRST_RECORD_POS + 4, (int) BagFormat.FIRST_RECORD_POS + 4 + chunkHeaderLen);
        assertArrayEquals(new byte[] {BagFormat.OP_CHUNK}, BagFormat.parseHeader(chunkHeader, 0).get("op"));
        assertEquals("none", new String(BagFormat.parseHeader(chunkHeader, 0).get("compression"), StandardCharsets.US_ASCII));
    }

    @Test
    void whatIsWrittenIsReadBackWithItsConnectionsAndTimes() throws Exception {
        Path bag = dir.resolve("rt.bag");
        byte[] big = new byte[200_000]; // above the copy limit: written from its own buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (BagWriter w = BagWriter.create(bag, 64 * 1024, 1_000_000_000L)) {
            BagConnection a = imu(w);
            BagConnection img = w.addConnection("/camera/image_raw", "sensor_msgs/Image", "060021388200f6f0f447d0fcd9c64743", "img def", "/x", true);
            for (int i = 0; i < 50; i++) {
                w.write(a, i * 5_000_000L, new byte[] {(byte) i, 7});
                if (i % 10 == 0) {
                    ByteBuf body = Unpooled.directBuffer(big.length).writeBytes(big);
                    w.write(img, i * 5_000_000L, body);
                    assertEquals(0, body.refCnt(), "the writer released the body it owned");
                }
            }
        }
        try (BagReader r = BagReader.open(bag)) {
            assertTrue(r.chunkCount() > 1, "several chunks at a 64 KiB threshold: " + r.chunkCount());
            assertEquals(r.chunkCount(), r.headerChunkCount());
            List<BagConnection> cs = r.connections();
            assertEquals(List.of("/imu/data", "/camera/image_raw"), cs.stream().map(BagConnection::topic).toList());
            BagConnection img = cs.get(1);
            assertEquals("sensor_msgs/Image", img.type());
            assertEquals("060021388200f6f0f447d0fcd9c64743", img.md5sum());
            assertEquals("img def", img.messageDefinition());
            assertEquals("/x", img.callerid());
            assertTrue(img.latching());
            List<BagMessage> imus = r.messagesOn("/imu/data");
            assertEquals(50, imus.size());
            for (int i = 0; i < 50; i++) {
                assertEquals(i * 5_000_000L, imus.get(i).timeNanos());
                assertArrayEquals(new byte[] {(byte) i, 7}, r.read(imus.get(i)));
            }
            List<BagMessage> images = r.messagesOn("/camera/image_raw");
            assertEquals(5, images.size());
            assertArrayEquals(big, r.read(images.get(4)));
            assertEquals(200_000_000L, images.get(4).timeNanos());
        }
    }

    @Test
    void anUnclosedBagIsReadUpToItsLastWholeChunk() throws Exception {
        Path bag = dir.resolve("killed.bag");
        BagWriter w = BagWriter.create(bag, 1, 1_000_000_000L); // every message its own chunk
        BagConnection c = imu(w);
        long afterFour = 0;
        for (int i = 0; i < 5; i++) {
            w.write(c, i * 1_000_000L, new byte[] {(byte) i});
            afterFour = i == 3 ? Files.size(bag) : afterFour;
        }
        // a kill leaves the file as it is now: bag header with index_pos 0, five chunks; tear the fifth
        byte[] torn = Arrays.copyOf(Files.readAllBytes(bag), (int) afterFour + 20);
        Path cut = dir.resolve("cut.bag");
        Files.write(cut, torn);
        try (BagReader r = BagReader.open(cut)) {
            assertEquals(0, r.indexPos());
            assertTrue(r.truncated());
            assertEquals(4, r.messages().size());
        }
        w.close();
    }

    @Test
    void aCompressedChunkIsRefusedByName() throws Exception {
        Path bag = dir.resolve("bz2.bag");
        try (BagWriter w = BagWriter.create(bag)) {
            w.write(imu(w), 0, new byte[] {1});
        }
        byte[] file = Files.readAllBytes(bag);
        String text = new String(file, StandardCharsets.ISO_8859_1).replace("compression=none", "compression=bz2\0");
        // same length: "none" (4) -> "bz2\0" keeps every offset; the reader must refuse the chunk by its compression
        Path c = dir.resolve("c.bag");
        Files.write(c, text.getBytes(StandardCharsets.ISO_8859_1));
        BagFormatException e = assertThrows(BagFormatException.class, () -> BagReader.open(c).close());
        assertTrue(e.getMessage().contains("bz2"), e.getMessage());
    }

    @Test
    void aMessageTimeOutsideTheBagRangeIsRefused() throws Exception {
        try (BagWriter w = BagWriter.create(dir.resolve("t.bag"))) {
            BagConnection c = imu(w);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.write(c, -1, new byte[] {1}));
            assertTrue(e.getMessage().contains("/imu/data"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotABagIsRefused() throws Exception {
        Path p = dir.resolve("x.bag");
        Files.writeString(p, "#ROSRECORD V1.2\nhello");
        BagFormatException e = assertThrows(BagFormatException.class, () -> BagReader.open(p).close());
        assertTrue(e.getMessage().contains("#ROSRECORD V1"), e.getMessage());
    }
}
