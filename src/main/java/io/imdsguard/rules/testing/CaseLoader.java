package io.imdsguard.rules.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotFormatException;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads rule test cases: every {@code *.yaml} / {@code *.yml} file under a directory is one case
 * (format in docs/rules.md). The snapshot is inline or a path, relative to the case file, to a
 * snapshot JSON as {@code imdsguard collect} writes it.
 */
public final class CaseLoader {
    private static final Set<String> FIELDS = Set.of("description", "snapshot", "analysis", "expected", "onlyRules");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CaseLoader() {
    }

    public static List<RuleTestCase> load(Path dir) throws RuleTestException {
        if (!Files.isDirectory(dir)) {
            throw new RuleTestException(dir + (Files.exists(dir) ? ": not a directory" : ": no such directory"), null);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new RuleTestException(InputErrors.describe(dir, e), e);
        }
        if (files.isEmpty()) {
            throw new RuleTestException(dir + ": no test cases (*.yaml) found", null);
        }
        List<RuleTestCase> cases = new ArrayList<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replaceFirst("\\.ya?ml$", "");
            cases.add(read(name, file));
        }
        return cases;
    }

    static RuleTestCase read(String name, Path file) throws RuleTestException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RuleTestException(InputErrors.describe(file.toString(), e), e);
        } catch (IOException e) {
            throw new RuleTestException(InputErrors.describe(file, e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RuleTestException(file + ": empty file (expected a test case: snapshot, expected, ...)", null);
        }
        if (!root.isObject()) {
            throw new RuleTestException(file + ": a test case is a YAML mapping (snapshot, expected, ...)", null);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new RuleTestException(file + ": unknown field '" + field + "' (expected one of " + FIELDS + ")", null);
            }
        }
        if (!root.has("expected") || !root.get("expected").isArray()) {
            throw new RuleTestException(file + ": 'expected' must list the findings expected (an empty list for none)", null);
        }
        Snapshot snapshot = snapshot(file, root.get("snapshot"));
        Optional<RecordedAnalysis> analysis = root.hasNonNull("analysis") ? Optional.of(analysis(file)) : Optional.empty();
        List<ExpectedFinding> expected = new ArrayList<>();
        for (JsonNode e : root.get("expected")) {
            if (!e.hasNonNull("ruleId") || !e.hasNonNull("resourceId")) {
                throw new RuleTestException(file + ": each expected finding needs ruleId and resourceId", null);
            }
            expected.add(new ExpectedFinding(e.get("ruleId").asText(), e.get("resourceId").asText()));
        }
        List<String> only = new ArrayList<>();
        root.path("onlyRules").forEach(n -> only.add(n.asText()));
        return new RuleTestCase(name, file, root.path("description").asText(""), snapshot, analysis, expected, only);
    }

    /** Read from the file again rather than from the tree, so that errors carry the YAML line and column. */
    private static RecordedAnalysis analysis(Path file) throws RuleTestException {
        try {
            return YAML.readerFor(RecordedAnalysis.class).at("/analysis").readValue(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RuleTestException(InputErrors.describe(file.toString(), "analysis.", e), e);
        } catch (IOException e) {
            throw new RuleTestException(InputErrors.describe(file, e), e);
        }
    }

    private static Snapshot snapshot(Path caseFile, JsonNode node) throws RuleTestException {
        if (node == null || node.isNull()) {
            throw new RuleTestException(caseFile + ": missing 'snapshot' (inline, or a path to a snapshot JSON)", null);
        }
        if (node.isTextual()) {
            Path referenced = caseFile.toAbsolutePath().getParent().resolve(node.asText());
            try {
                return SnapshotIO.read(referenced);
            } catch (SnapshotFormatException e) {
                throw new RuleTestException(caseFile + ": snapshot: " + e.getMessage(), e);
            }
        }
        try {
            return SnapshotIO.readYamlField(caseFile, "snapshot");
        } catch (SnapshotFormatException e) {
            throw new RuleTestException(e.getMessage(), e);
        }
    }
}
