package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.imdsguard.collect.Shard;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests docs/audit.md ships (docs/audit/): each parses as what it is (YAML, JSON, a cron line, systemd
 * units), and every imdsguard command line in them parses with the real command spec, with the shell's and
 * the CI's expansions ($VAR, $((..)), ${{ .. }}) standing in as "1".
 */
class AuditManifestsTest {
    private static final Path DIR = Path.of(System.getProperty("imdsguard.projectDir", "."), "docs/audit");
    private static final Pattern COMMAND = Pattern.compile("imdsguard (scan|merge|collect)\\b[^;&|\\n]*");

    @Test
    void everyManifestParsesAndEveryImdsguardCommandInItIsValid() throws Exception {
        List<String> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String text = Files.readString(file);
                List<String> pieces = new ArrayList<>();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    strings(new YAMLMapper().readTree(text), pieces);
                } else if (name.endsWith(".json")) {
                    strings(new ObjectMapper().readTree(text), pieces);
                } else {
                    checkPlainText(name, text);
                    pieces.add(text);
                }
                List<String> found = new ArrayList<>();
                pieces.forEach(piece -> {
                    Matcher m = COMMAND.matcher(piece);
                    while (m.find()) {
                        found.add(m.group().strip());
                    }
                });
                if (!name.endsWith(".timer")) {
                    assertThat(found).as(name + " runs imdsguard").isNotEmpty();
                }
                commands.addAll(found);
            }
        }
        for (String command : commands) {
            List<String> words = DocumentedCommands.split(DocumentedCommands.expand(command));
            CommandLine cl = ImdsguardCommand.commandLine();
            CommandLine.ParseResult parsed = cl.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            CommandLine.ParseResult sub = parsed.subcommand();
            assertThat(sub).as(command).isNotNull();
            if (sub.hasMatchedOption("--shard")) {
                Shard.parse(sub.matchedOptionValue("--shard", ""));
            }
            if (sub.hasMatchedOption("--org")) {
                assertThat(sub.hasMatchedOption("--assume-role")).as(command).isTrue();
            }
        }
        assertThat(commands).anyMatch(c -> c.startsWith("imdsguard merge"))
                .anyMatch(c -> c.contains("--shard"));
    }

    @Test
    void theKubernetesJobIsIndexedAndTheWorkflowUploadsSarif() throws Exception {
        JsonNode job = new YAMLMapper().readTree(DIR.resolve("k8s-indexed-job.yaml").toFile());
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.at("/spec/template/spec/containers/0/args/0").asText())
                .contains("JOB_COMPLETION_INDEX + 1))/" + job.at("/spec/completions").asInt());
        JsonNode workflow = new YAMLMapper().readTree(DIR.resolve("github-actions-audit.yml").toFile());
        assertThat(workflow.at("/on/schedule/0/cron").asText()).isNotBlank();
        assertThat(workflow.at("/jobs/merge/steps").findValuesAsText("uses"))
                .anyMatch(u -> u.startsWith("github/codeql-action/upload-sarif"));
        assertThat(Files.readString(DIR.resolve("batch-array-job.json"))).contains("AWS_BATCH_JOB_ARRAY_INDEX + 1");
    }

    private static void checkPlainText(String name, String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (name.endsWith(".cron")) {
            lines.stream().filter(l -> !l.contains("=")).forEach(l ->
                    assertThat(l.split("\\s+").length).as(l).isGreaterThan(6));
        } else if (name.endsWith(".service") || name.endsWith(".timer")) {
            lines.forEach(l -> assertThat(l).as(name).matches("\\[[A-Za-z]+]|[A-Za-z]+=.+"));
        } else if (name.endsWith(".sh")) {
            assertThat(text).startsWith("#!/bin/sh");
        }
    }

    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> strings(child, out));
    }
}
