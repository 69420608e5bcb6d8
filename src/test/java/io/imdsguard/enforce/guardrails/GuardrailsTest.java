package io.imdsguard.enforce.guardrails;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documents as the library hands them out. */
class GuardrailsTest {
    private static final Path RESOURCES = Path.of("src/main/resources/guardrails");

    @Test
    void withoutExemptionsTheDocumentsArePrintedExactlyAsTheFilesHoldThem() throws Exception {
        Guardrails guardrails = Guardrails.exempting(List.of());

        assertThat(Guardrails.json(guardrails.serviceControlPolicy()) + "\n")
                .isEqualTo(Files.readString(RESOURCES.resolve("service-control-policy.json")));
        assertThat(Guardrails.json(guardrails.declarativePolicy()) + "\n")
                .isEqualTo(Files.readString(RESOURCES.resolve("declarative-policy-ec2.json")));
    }

    @Test
    void aCallerChangingADocumentChangesNoOtherCopy() {
        Guardrails guardrails = Guardrails.exempting(List.of("arn:aws:iam::*:role/imds-break-glass"));

        guardrails.serviceControlPolicy().withArrayProperty("Statement").removeAll();
        guardrails.both().withObjectProperty("declarativePolicy").removeAll();

        assertThat(guardrails.serviceControlPolicy().get("Statement")).hasSize(3);
        assertThat(guardrails.declarativePolicy().has("ec2_attributes")).isTrue();
        assertThat(Guardrails.exempting(List.of()).serviceControlPolicy().toString()).doesNotContain("ArnNotLike");
    }

    @Test
    void exemptionsAreKeptInTheOrderGiven() {
        List<String> roles = List.of("arn:aws:iam::123456789012:role/b", "arn:aws:iam::*:role/a");

        assertThat(Guardrails.exempting(roles).exemptRoles()).containsExactlyElementsOf(roles);
        assertThat(Guardrails.exempting(roles).serviceControlPolicy()
                .at("/Statement/1/Condition/ArnNotLike/aws:PrincipalArn/0").asText()).isEqualTo(roles.get(0));
    }

    @Test
    void aRolePathAndWildcardsAreAcceptedButNotAPatternForEveryRole() {
        assertThat(ExemptRoles.problemWith("arn:aws:iam::*:role/platform/imds-break-glass")).isEmpty();
        assertThat(ExemptRoles.problemWith("arn:aws-us-gov:iam::123456789012:role/imds-*")).isEmpty();
        assertThat(ExemptRoles.problemWith("arn:aws:iam::*:role/platform/*")).isEmpty();
        assertThatThrownBy(() -> Guardrails.exempting(List.of("arn:aws:iam::*:role/?*")))
                .isInstanceOf(ExemptRoleException.class).hasMessageContaining("every role");
    }
}
