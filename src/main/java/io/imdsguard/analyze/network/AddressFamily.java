package io.imdsguard.analyze.network;

/** IPv4 or IPv6: reachability is reasoned about separately per family, as AWS keeps separate rules. */
enum AddressFamily {
    IPV4("ipv4", "IPv4", "0.0.0.0/0"),
    IPV6("ipv6", "IPv6", "::/0");

    private final String id;
    private final String label;
    private final String everything;

    AddressFamily(String id, String label, String everything) {
        this.id = id;
        this.label = label;
        this.everything = everything;
    }

    /** The value used in {@link ExposurePath#addressFamily()}. */
    String id() {
        return id;
    }

    String label() {
        return label;
    }

    String everythingCidr() {
        return everything;
    }

    static AddressFamily of(String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
