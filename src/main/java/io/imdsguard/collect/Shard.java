package io.imdsguard.collect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of a collection ({@code --shard K/N}): of the (account, region) units sorted by account, then
 * region, shard K takes those at positions K-1, K-1+N, K-1+2N, ... Dealing the units round-robin rather
 * than in blocks spreads a large account's regions over every shard.
 */
public record Shard(int index, int count) {
    /** The whole collection. */
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    /** @throws IllegalArgumentException unless 1 <= index <= count */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count
                    + " does not exist: K/N needs 1 <= K <= N");
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/5}. */
    public static Shard parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected K/N such as 1/4 (shard K of N), got '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether the unit at {@code position} (from 0) of the sorted units is this shard's. */
    public boolean owns(int position) {
        return position % count == index - 1;
    }

    public boolean whole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
