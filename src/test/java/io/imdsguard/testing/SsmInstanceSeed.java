package io.imdsguard.testing;

import java.time.Instant;

/**
 * One managed node as SSM DescribeInstanceInformation reports it; seeded into the stub because moto
 * 5.2.5 has no DescribeInstanceInformation.
 *
 * @param instanceId the EC2 instance id
 * @param pingStatus Online, ConnectionLost or Inactive
 * @param platformType Linux, Windows or MacOS
 * @param platformName e.g. "Amazon Linux"
 * @param platformVersion e.g. "2023"
 * @param agentVersion the SSM agent version
 * @param ipAddress the node's private IP, may be null
 * @param computerName the host name, may be null
 * @param lastPing when the agent last checked in
 */
public record SsmInstanceSeed(String instanceId, String pingStatus, String platformType, String platformName,
        String platformVersion, String agentVersion, String ipAddress, String computerName, Instant lastPing) {

    /** An online Amazon Linux 2023 node with a current agent. */
    public static SsmInstanceSeed onlineLinux(String instanceId) {
        return new SsmInstanceSeed(instanceId, "Online", "Linux", "Amazon Linux", "2023", "3.3.1142.0",
                null, "ip-" + instanceId.substring(2) + ".ec2.internal", Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The same node with another ping status (Online, ConnectionLost, Inactive). */
    public SsmInstanceSeed withPingStatus(String status) {
        return new SsmInstanceSeed(instanceId, status, platformType, platformName, platformVersion, agentVersion,
                ipAddress, computerName, lastPing);
    }

    /** The same node on another platform, e.g. {@code withPlatform("Windows", "Windows Server 2022", "10.0")}. */
    public SsmInstanceSeed withPlatform(String type, String name, String version) {
        return new SsmInstanceSeed(instanceId, pingStatus, type, name, version, agentVersion, ipAddress,
                computerName, lastPing);
    }

    /** The same node with a private IP address. */
    public SsmInstanceSeed withIpAddress(String ip) {
        return new SsmInstanceSeed(instanceId, pingStatus, platformType, platformName, platformVersion, agentVersion,
                ip, computerName, lastPing);
    }
}
