package io.imdsguard.analyze.network;

/** How internet traffic reaches an instance (docs/reachability.md). */
public enum PathKind {
    /** To a public address of the instance's own interface through an internet gateway. */
    DIRECT,
    /** Through an internet-facing load balancer that forwards to the instance. */
    LOAD_BALANCER
}
