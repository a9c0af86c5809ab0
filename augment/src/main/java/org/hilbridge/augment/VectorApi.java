package org.hilbridge.augment;

/**
 * Whether this JVM has the JDK's Vector API (module {@code jdk.incubator.vector}, an incubator module in JDK 17,
 * present only with {@code --add-modules jdk.incubator.vector}, as {@code ./hilbridge} and the tests run). The
 * augmentation's vector kernels (photometric {@code WetVector}, onnx {@code PlaneVector}) are loaded only where
 * it is; elsewhere the plain path with the same output runs.
 */
public final class VectorApi {
    /** The module's name, for the messages that ask for it. */
    public static final String MODULE = "jdk.incubator.vector";

    private VectorApi() {
    }

    /** Whether the module is in the boot layer of this JVM. */
    public static boolean present() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }
}
