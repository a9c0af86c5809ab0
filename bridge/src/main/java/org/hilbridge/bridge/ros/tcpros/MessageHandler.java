package org.hilbridge.bridge.ros.tcpros;

import io.netty.buffer.ByteBuf;

/**
 * Receives the serialised body of each message a subscription gets (no length prefix). The buffer is valid
 * only during the call and is released afterwards: {@code retain()} it to keep it. Runs on a Netty I/O thread:
 * hand long work to another thread.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(ByteBuf body, ConnectionHeader publisher) throws Exception;
}
