package org.hilbridge.bridge.socket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The varint-delimited framing (protobuf's writeDelimitedTo), its maximum and its errors. */
@Timeout(30)
class VarintFrameDecoderTest {
    private static final int MAX = 4096;

    /** The reference encoder: protobuf's own CodedOutputStream varint (what writeDelimitedTo writes). */
    private static byte[] delimited(byte[]... frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        for (byte[] f : frames) {
            c.writeUInt32NoTag(f.length);
            c.writeRawBytes(f);
        }
        c.flush();
        return out.toByteArray();
    }

    private static List<byte[]> feed(EmbeddedChannel ch, byte[] bytes, int[] cuts) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            int end = Math.min(bytes.length, Math.max(start, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, start, end - start));
            start = end;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, start, bytes.length - start));
        ByteBuf f;
        while ((f = ch.readInbound()) != null) {
            out.add(ByteBufUtil.getBytes(f));
            f.release();
        }
        return out;
    }

    @Test
    void framesSplitAnywhereComeOutWhole() throws Exception {
        byte[] a = new byte[300]; // a two-byte length prefix
        new Random(1).nextBytes(a);
        byte[] b = {};
        byte[] c = {7};
        byte[] wire = delimited(a, b, c);
        for (int cut = 0; cut <= wire.length; cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
            List<byte[]> frames = feed(ch, wire, new int[] {cut, cut + 1});
            assertEquals(3, frames.size(), "cut at " + cut);
            assertArrayEquals(a, frames.get(0));
            assertArrayEquals(b, frames.get(1));
            assertArrayEquals(c, frames.get(2));
            assertFalse(ch.finish());
        }
    }

    @Test
    void aLengthOverTheMaximumIsRefusedAsSoonAsThePrefixIsRead() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        // Only the prefix of a 1 GiB frame: refused now, not after buffering anything.
        CodedOutputStream.computeUInt32SizeNoTag(1 << 30);
        byte[] prefix = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(prefix)));
        assertTrue(e instanceof TooLongFrameException || e.getCause() instanceof TooLongFrameException, e.toString());
        assertTrue(e.getMessage().contains("1073741824") && e.getMessage().contains(Integer.toString(MAX)), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameOfExactlyTheMaximumPasses() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        List<byte[]> frames = feed(ch, delimited(new byte[MAX]), new int[0]);
        assertEquals(1, frames.size());
        assertEquals(MAX, frames.get(0).length);
    }

    @Test
    void aVarintLongerThanFiveBytesIsCorrupt() {
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        byte[] bad = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(bad)));
        assertTrue(e instanceof CorruptedFrameException || e.getCause() instanceof CorruptedFrameException, e.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void aTruncatedFrameYieldsNothing() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        byte[] wire = delimited(new byte[100]);
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 50));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    // ---- fuzz (jqwik: bounded tries, each input bounded in size) ----

    /** Any frames, cut anywhere: the same frames come out, in order. */
    @Property(tries = 300)
    void roundTripsAnyFramesCutAnywhere(@ForAll("frames") List<byte[]> frames, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 5000) Integer> cuts)
            throws Exception {
        byte[] wire = delimited(frames.toArray(new byte[0][]));
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        int[] sorted = cuts.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<byte[]> out = feed(ch, wire, sorted);
        assertEquals(frames.size(), out.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), out.get(i));
        }
        assertFalse(ch.finish());
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX).list().ofMaxSize(6);
    }

    /**
     * Random bytes: the decoder yields frames no longer than the maximum, or fails with one of its two
     * errors (corrupt prefix, too long), and never anything else.
     */
    @Property(tries = 1000)
    void garbageYieldsBoundedFramesOrAKnownError(@ForAll @Size(max = 2000) byte[] garbage) {
        EmbeddedChannel ch = new EmbeddedChannel(new VarintFrameDecoder(MAX));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(garbage));
        } catch (DecoderException e) {
            Throwable c = e instanceof TooLongFrameException || e instanceof CorruptedFrameException ? e : e.getCause();
            assertTrue(c instanceof TooLongFrameException || c instanceof CorruptedFrameException, e.toString());
        }
        ByteBuf f;
        while ((f = ch.readInbound()) != null) {
            assertTrue(f.readableBytes() <= MAX);
            f.release();
        }
        ch.finishAndReleaseAll();
    }

    /** Random bytes as a ClientMessage: it parses or fails with BadFrameException, nothing else. */
    @Property(tries = 1000)
    void garbageFramesParseOrFailCleanly(@ForAll @Size(max = 512) byte[] frame) {
        ProtoMessageDecoder<org.hilbridge.proto.v1.ClientMessage> d =
                new ProtoMessageDecoder<>(org.hilbridge.proto.v1.ClientMessage.parser(), "ClientMessage");
        try {
            d.parse(Unpooled.wrappedBuffer(frame));
        } catch (ProtoMessageDecoder.BadFrameException e) {
            assertTrue(e.getMessage().contains("is not a ClientMessage"), e.getMessage());
        }
    }
}
