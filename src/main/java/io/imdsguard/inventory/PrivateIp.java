package io.imdsguard.inventory;

/** A private IPv4 address of an interface and the public IPv4 (auto-assigned or Elastic IP) mapped to it. */
public record PrivateIp(String privateIp, boolean primary, String publicIp, String allocationId) {
    public boolean hasPublicIp() {
        return publicIp != null && !publicIp.isBlank();
    }
}
