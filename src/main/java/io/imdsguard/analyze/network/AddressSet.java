package io.imdsguard.analyze.network;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressSeqRangeList;
import inet.ipaddr.IPAddressString;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of addresses of one family, held as sorted disjoint ranges. Reachability is a
 * question about address ranges, not literal CIDR strings: "0.0.0.0/0 minus a denied /8" must
 * still count 4.27 billion addresses.
 */
final class AddressSet {
    private final AddressFamily family;
    // Never mutated after construction: every operation builds a new list.
    private final IPAddressSeqRangeList ranges;

    private AddressSet(AddressFamily family, IPAddressSeqRangeList ranges) {
        this.family = family;
        this.ranges = ranges;
    }

    static AddressSet empty(AddressFamily family) {
        return new AddressSet(family, new IPAddressSeqRangeList());
    }

    static AddressSet everything(AddressFamily family) {
        return ofCidrs(family, java.util.List.of(family.everythingCidr()));
    }

    /** The CIDRs (or single addresses) of {@code family}; others, and unparsable strings, are ignored. */
    private static final int MAX_CACHED = 100_000;
    private static final Map<String, IPAddressSeqRange> PARSED = new ConcurrentHashMap<>();

    static AddressSet ofCidrs(AddressFamily family, Collection<String> cidrs) {
        IPAddressSeqRangeList list = new IPAddressSeqRangeList();
        for (String cidr : cidrs) {
            IPAddressSeqRange range = parse(cidr);
            if (range != null && AddressFamily.of(cidr) == family) {
                list.add(range);
            }
        }
        return new AddressSet(family, list);
    }

    static AddressSet ofCidr(String cidr) {
        return ofCidrs(AddressFamily.of(cidr), java.util.List.of(cidr));
    }

    private static IPAddressSeqRange parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            return null;
        }
        // Ranges are immutable and a fleet repeats few distinct CIDRs across many regions (one analysis per
        // region): parse each text once per process. Capped, so a pathological input cannot grow it unbounded.
        IPAddressSeqRange cached = PARSED.get(cidr);
        if (cached != null) {
            return cached;
        }
        IPAddress address = new IPAddressString(cidr.trim()).getAddress();
        IPAddressSeqRange range = address == null ? null : address.toPrefixBlock().toSequentialRange();
        if (range != null && PARSED.size() < MAX_CACHED) {
            PARSED.put(cidr, range);
        }
        return range;
    }

    AddressFamily family() {
        return family;
    }

    AddressSet union(AddressSet other) {
        check(other);
        return other.isEmpty() ? this : isEmpty() ? other : new AddressSet(family, ranges.joinIntoList(other.ranges));
    }

    AddressSet intersect(AddressSet other) {
        check(other);
        return isEmpty() ? this : other.isEmpty() ? other : new AddressSet(family, ranges.intersectIntoList(other.ranges));
    }

    AddressSet minus(AddressSet other) {
        check(other);
        return isEmpty() || other.isEmpty() ? this : new AddressSet(family, ranges.removeIntoList(other.ranges));
    }

    boolean overlaps(AddressSet other) {
        return !intersect(other).isEmpty();
    }

    boolean containsAll(AddressSet other) {
        return other.minus(this).isEmpty();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    BigInteger count() {
        return isEmpty() ? BigInteger.ZERO : ranges.getCount();
    }

    private void check(AddressSet other) {
        if (other.family != family) {
            throw new IllegalArgumentException("cannot combine " + family + " with " + other.family);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && other.family == family
                && Arrays.equals(ranges.getSeqRanges(), other.ranges.getSeqRanges());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges.getSeqRanges());
    }

    @Override
    public String toString() {
        return Arrays.toString(ranges.getSeqRanges());
    }
}
