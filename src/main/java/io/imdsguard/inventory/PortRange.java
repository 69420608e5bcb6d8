package io.imdsguard.inventory;

/** An inclusive port range; {@link #ALL} when a rule does not restrict ports. */
public record PortRange(int from, int to) {
    public static final PortRange ALL = new PortRange(0, 65535);
    public static final PortRange EPHEMERAL = new PortRange(1024, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("invalid port range " + from + "-" + to);
        }
    }

    /** AWS reports -1, or nothing, for "all ports" and for protocols without ports. */
    public static PortRange of(Integer from, Integer to) {
        if (from == null || to == null || from < 0 || to < 0) {
            return ALL;
        }
        return new PortRange(from, to);
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public boolean isAll() {
        return from == 0 && to == 65535;
    }

    @Override
    public String toString() {
        return isAll() ? "all" : from == to ? Integer.toString(from) : from + "-" + to;
    }
}
