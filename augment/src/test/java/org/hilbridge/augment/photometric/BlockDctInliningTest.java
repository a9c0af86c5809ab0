package org.hilbridge.augment.photometric;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The vector JPEG pass's band method stays larger than C2's FreqInlineSize, so C2 compiles it on its own and never
 * inlines it into the sensor pass's row sink, where it boxed the pass's vectors (see {@code BlockDctVector.band}).
 * FogPhysicsTest's allocation check catches that boxing only in some runs (3 of 6); this pins its cause every run: the
 * method's bytecode length, read from its class file (JVM Specification, Java SE 17, section 4.7.3: the Code attribute's
 * code_length), against the running JVM's FreqInlineSize (HotSpot's limit for inlining a hot method, 325 bytes by
 * default on JDK 17 and 25).
 */
@Timeout(30)
class BlockDctInliningTest {
    @Test
    void theBandMethodIsTooBigForC2ToInlineIntoItsCallers() throws IOException {
        int limit = Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("FreqInlineSize").getValue());
        int length = codeLength(BlockDctVector.class, "band");
        assertTrue(length > limit, "BlockDctVector.band has " + length + " bytes of bytecode, FreqInlineSize is " + limit
                + ": C2 may inline it into the sensor pass's row sink and box its vectors (see its comment)");
    }

    /** The code_length of the one method of that name in the class's class file (JVMS 17, 4.1, 4.4, 4.6, 4.7.3). */
    static int codeLength(Class<?> type, String method) throws IOException {
        try (InputStream raw = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            assertNotNull(raw, "the class file of " + type.getName());
            DataInputStream in = new DataInputStream(raw);
            assertEquals(0xCAFEBABE, in.readInt(), "magic");
            in.readUnsignedShort();   // minor version
            in.readUnsignedShort();   // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;   // longs and doubles take two entries
                    }
                    default -> fail("constant pool tag " + tag + " at entry " + i);
                }
            }
            in.skipNBytes(6);   // access flags, this class, super class
            in.skipNBytes(2L * in.readUnsignedShort());   // interfaces
            skipMembers(in);   // fields
            int found = -1;
            for (int m = in.readUnsignedShort(); m > 0; m--) {
                in.readUnsignedShort();   // access flags
                String name = utf8[in.readUnsignedShort()];
                in.readUnsignedShort();   // descriptor
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int size = in.readInt();
                    if (name.equals(method) && attribute.equals("Code")) {
                        assertEquals(-1, found, "one method named " + method);
                        in.skipNBytes(4);   // max_stack, max_locals
                        found = in.readInt();
                        in.skipNBytes(size - 8);
                    } else {
                        in.skipNBytes(size);
                    }
                }
            }
            assertNotEquals(-1, found, "a method named " + method + " with code");
            return found;
        }
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            in.skipNBytes(6);   // access flags, name, descriptor
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                in.skipNBytes(2);
                in.skipNBytes(in.readInt());
            }
        }
    }

    /** The reader against a method whose length javac fixes: a static method returning its int argument is iload_0, ireturn. */
    @Test
    void theReaderGivesAMethodsBytecodeLength() throws IOException {
        assertEquals(2, codeLength(Probe.class, "same"));
    }

    static final class Probe {
        static int same(int x) {
            return x;
        }
    }
}
