package io.imdsguard.analyze.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.SnapshotIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of {@code iam/s3-read-cases.json}: an {@link AccountInventory} (policy documents
 * written as JSON objects for readability; the snapshot holds them as text), optional SCP levels, an
 * instance profile, and the expected {@link S3ReadAccess}.
 */
class S3ReadCasesTest {

    @TestFactory
    Stream<DynamicTest> s3ReadCases() throws Exception {
        JsonNode cases = SimulateCasesTest.load("/iam/s3-read-cases.json");
        assertThat(cases.size()).isGreaterThan(20);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) throws Exception {
        AccountInventory account = SnapshotIO.mapper().treeToValue(documentsAsText(c.get("account")),
                AccountInventory.class);
        S3AccessAnalyzer analyzer = new S3AccessAnalyzer(scpLevels(c.get("scpLevels")));
        String profile = c.get("instanceProfileArn").asText();
        Optional<S3ReadAccess> actual = analyzer.analyze(account, profile);
        JsonNode expected = c.get("expected");
        if (!expected.get("present").asBoolean()) {
            assertThat(actual).isEmpty();
            return;
        }
        assertThat(actual).isPresent();
        S3ReadAccess access = actual.get();
        assertThat(access.roleArn()).isEqualTo(expected.get("roleArn").asText());
        assertThat(access.decision()).hasToString(expected.get("decision").asText());
        assertGrant(access.listBucket(), "s3:ListBucket", expected.get("listBucket"));
        assertGrant(access.getObject(), "s3:GetObject", expected.get("getObject"));
        assertThat(analyzer.analyze(account, profile)).as("memoised per profile").containsSame(access);
    }

    private static void assertGrant(Grant grant, String action, JsonNode expected) {
        assertThat(grant.action()).isEqualTo(action);
        assertThat(grant.decision()).as(action + " decision").hasToString(expected.get("decision").asText());
        if (expected.has("resource")) {
            assertThat(grant.resource()).as(action + " resource").isEqualTo(expected.get("resource").asText());
        }
        assertThat(grant.statements().stream().map(StatementRef::toString).toList()).as(action + " statements")
                .isEqualTo(texts(expected.get("statements")));
        assertThat(grant.conditionKeys()).as(action + " condition keys").isEqualTo(texts(expected.get("conditionKeys")));
    }

    private static List<List<Policy>> scpLevels(JsonNode node) throws Exception {
        List<List<Policy>> levels = new ArrayList<>();
        if (node != null) {
            for (JsonNode level : node) {
                List<Policy> policies = new ArrayList<>();
                for (JsonNode p : level) {
                    policies.add(SnapshotIO.mapper().treeToValue(documentsAsText(p), Policy.class));
                }
                levels.add(policies);
            }
        }
        return levels;
    }

    /** Replaces every object-valued {@code document} field with its JSON text, as the snapshot stores it. */
    private static JsonNode documentsAsText(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode doc = object.get("document");
            if (doc != null && doc.isObject()) {
                object.put("document", doc.toString());
            }
        }
        node.forEach(S3ReadCasesTest::rewrite);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
