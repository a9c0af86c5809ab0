package org.hilbridge.hil.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hilbridge.hil.arbiter.AppliedCommand;
import org.hilbridge.hil.runner.CommandFeed;

/** The commands of a recorded run, read from its bag's /hilbridge/applied_command, fed back step by step. */
public final class CommandScript implements CommandFeed {
    private final Map<Long, AppliedCommand> byStep = new HashMap<>();
    private final Set<Long> silentSteps = new HashSet<>();

    /** Reads every /hilbridge/applied_command message of {@code bag}. */
    public static CommandScript of(BagReader bag) throws IOException {
        CommandScript s = new CommandScript();
        for (BagMessage m : bag.messagesOn(CommandLog.TOPIC)) {
            CommandLog.Entry e = CommandLog.parse(stringBody(bag.read(m), CommandLog.TOPIC));
            if (e.silent()) {
                s.silentSteps.add(e.stepNanos());
            } else {
                s.byStep.put(e.stepNanos(), e.command());
            }
        }
        return s;
    }

    /** The text of a std_msgs/String body (uint32 length, UTF-8). */
    static String stringBody(byte[] body, String topic) {
        if (body.length < 4) {
            throw new IllegalArgumentException(topic + ": a std_msgs/String of " + body.length + " bytes, at least 4 needed");
        }
        int n = (body[0] & 0xff) | (body[1] & 0xff) << 8 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 24;
        if (n != body.length - 4) {
            throw new IllegalArgumentException(topic + ": a std_msgs/String declares " + (n & 0xffffffffL) + " bytes of text, the message holds "
                    + (body.length - 4));
        }
        return new String(body, 4, n, StandardCharsets.UTF_8);
    }

    public int size() {
        return byStep.size();
    }

    @Override
    public AppliedCommand commandAt(long stepNanos) {
        return byStep.get(stepNanos);
    }

    @Override
    public boolean controllerSilentAt(long stepNanos) {
        return silentSteps.contains(stepNanos);
    }
}
