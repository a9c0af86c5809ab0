package org.hilbridge.hil.regress;

import java.util.List;

/**
 * Shard {@code index} of {@code count} (1-based, as CI matrices number their jobs): the runs whose place in
 * the suite's expansion is index-1 modulo count. Every run lands in exactly one shard, the same one on every
 * machine, since the expansion order depends only on the suite file.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + " is not allowed: it must be i/n with 1 <= i <= n");
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--shard '" + text + "' is not allowed: it must be i/n with 1 <= i <= n, e.g. 2/4");
    }

    public List<RunSpec> select(List<RunSpec> runs) {
        return runs.stream().filter(r -> r.index() % count == index - 1).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
