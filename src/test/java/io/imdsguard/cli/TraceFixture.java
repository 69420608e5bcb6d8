package io.imdsguard.cli;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.NetworkFleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;

/** Shared pieces of the trace CLI tests: a fleet of named instances, a scan report naming them, the commands sent. */
final class TraceFixture {
    private TraceFixture() {
    }

    /** Runs {@code count} instances named web-0.. in {@code region} through FleetBuilder; returns their ids. */
    static List<String> instances(AwsEmulator aws, String region, int count) {
        List<String> ids = new ArrayList<>();
        try (FleetBuilder fleet = aws.fleet(region)) {
            NetworkFleet.VpcRef vpc = fleet.network().vpc("10.20.0.0/16", false);
            String subnet = fleet.network().subnet(vpc.id(), "10.20.1.0/24", null, false);
            for (int i = 0; i < count; i++) {
                ids.add(fleet.compute().run(InstanceSpec.in(subnet).name("web-" + i)).instanceId());
            }
        }
        return ids;
    }

    /** A JSON report (schemaVersion 1) with one finding per entry of {@code ruleByInstance}, plus a region finding. */
    static Path report(Path dir, String region, Map<String, String> ruleByInstance, Map<String, String> names)
            throws IOException {
        StringBuilder findings = new StringBuilder();
        ruleByInstance.forEach((id, rule) -> findings.append(findings.isEmpty() ? "" : ",\n").append("""
                    {"ruleId": "%s", "severity": "HIGH", "title": "t", "account": "%s", "region": "%s",
                     "resource": {"type": "ec2-instance", "id": "%s", "name": %s, "arn": "arn"},
                     "evidence": {}, "remediation": "r", "suppressed": false, "status": "new"}""".formatted(
                rule, AwsEmulator.ACCOUNT_ID, region, id, names.containsKey(id) ? "\"" + names.get(id) + "\"" : "null")));
        String json = """
                {"schemaVersion": 1, "tool": {"name": "imdsguard", "version": "0"},
                 "scan": {"startedAt": "2026-01-01T00:00:00Z", "finishedAt": "2026-01-01T00:00:01Z",
                          "accounts": ["%s"], "regions": ["%s"], "gaps": []},
                 "summary": {"CRITICAL": 0, "HIGH": 0, "MEDIUM": 0, "LOW": 0, "INFO": 0},
                 "findings": [
                %s,
                    {"ruleId": "IMDS-004", "severity": "MEDIUM", "title": "t", "account": "%s", "region": "%s",
                     "resource": {"type": "ec2-region-defaults", "id": "%s", "name": null, "arn": null},
                     "evidence": {}, "remediation": "r", "suppressed": false, "status": "new"}
                 ]}
                """.formatted(AwsEmulator.ACCOUNT_ID, region, findings, AwsEmulator.ACCOUNT_ID, region, region);
        Path file = dir.resolve("report.json");
        Files.writeString(file, json);
        return file;
    }

    /** The commands of {@code runId}'s {@code phase} as the emulator holds them (ListCommands). */
    static List<Command> commandsOf(AwsEmulator aws, String region, String runId, String phase) {
        try (SsmClient ssm = aws.client(SsmClient.builder(), region)) {
            return ssm.listCommands(r -> { }).commands().stream()
                    .filter(c -> ("imdsguard trace " + runId + " " + phase).equals(c.comment())).toList();
        }
    }

    static long sendCommandCalls(AwsEmulator aws) {
        return aws.recordedCalls().stream().filter(c -> c.service().equals("ssm") && c.operation().equals("SendCommand"))
                .count();
    }
}
