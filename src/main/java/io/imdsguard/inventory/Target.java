package io.imdsguard.inventory;

/** A registered target: an instance id or an IP address, the port it receives on, and its health. */
public record Target(String id, Integer port, String availabilityZone, String healthState) {
}
