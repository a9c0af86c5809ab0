package org.hilbridge.bridge.ros.xmlrpc;

/**
 * Bounds on what the XML-RPC server, client and parser accept, so hostile or broken peers cannot exhaust
 * memory or stack.
 *
 * @param maxBodyBytes  largest HTTP body accepted (a larger Content-Length is answered 413)
 * @param maxDepth      deepest element nesting accepted (each array/struct costs three levels)
 * @param maxElements   most XML elements in one document
 */
public record XmlRpcLimits(int maxBodyBytes, int maxDepth, int maxElements) {
    /**
     * Generous for ROS (a large rosparam dump or launch file's parameters is well under a megabyte; ROS
     * graphs nest a few levels), small enough that a hostile document is cheap to refuse.
     */
    public static final XmlRpcLimits DEFAULT = new XmlRpcLimits(16 << 20, 96, 1_000_000);

    public XmlRpcLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        }
        if (maxDepth < 4) {
            throw new IllegalArgumentException("maxDepth must be >= 4 (methodResponse/params/param/value), got " + maxDepth);
        }
        if (maxElements < 4) {
            throw new IllegalArgumentException("maxElements must be >= 4, got " + maxElements);
        }
    }
}
