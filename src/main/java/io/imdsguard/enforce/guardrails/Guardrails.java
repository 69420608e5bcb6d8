package io.imdsguard.enforce.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The two Organization guardrails, ready to save and pass to {@code aws organizations create-policy}:
 * the service control policy (with the break-glass exemptions, if any) and the EC2 declarative policy
 * for instance metadata defaults.
 */
public final class Guardrails {
    /** The SCP statement that refuses a metadata-options change that does not require IMDSv2. */
    public static final String MODIFY_SID = "NoMetadataOptionsChangeBackToImdsV1";
    /** AWS's limit on an SCP document; the CLI and API count every character as sent, spaces included. */
    public static final int SCP_MAX_CHARACTERS = 5120;

    private static final ObjectMapper JSON = new ObjectMapper();
    // The layout of AWS's own policy examples (and of the files they are read from), for review and diffing.
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final ObjectNode serviceControlPolicy;
    private final ObjectNode declarativePolicy;
    private final List<String> exemptRoles;

    private Guardrails(ObjectNode serviceControlPolicy, ObjectNode declarativePolicy, List<String> exemptRoles) {
        this.serviceControlPolicy = serviceControlPolicy;
        this.declarativePolicy = declarativePolicy;
        this.exemptRoles = exemptRoles;
    }

    /**
     * The guardrails, the SCP exempting principals whose {@code aws:PrincipalArn} matches one of
     * {@code exemptRolePatterns} from its metadata-options statement (none: nobody may roll back).
     *
     * @throws ExemptRoleException for a pattern that is not a role ARN pattern, or when the SCP would
     *                             grow past {@link #SCP_MAX_CHARACTERS}
     */
    public static Guardrails exempting(List<String> exemptRolePatterns) {
        List<String> exempt = ExemptRoles.check(exemptRolePatterns);
        ObjectNode scp = GuardrailResources.read(GuardrailResources.SERVICE_CONTROL_POLICY);
        if (!exempt.isEmpty()) {
            exempt(modifyStatement(scp), exempt);
        }
        int size = json(scp).length();
        if (size > SCP_MAX_CHARACTERS) {
            throw new ExemptRoleException("with " + exempt.size() + " --exempt-role patterns the SCP would be " + size
                    + " characters, over the " + SCP_MAX_CHARACTERS + " an SCP may hold; use fewer patterns "
                    + "(one with a wildcard, such as arn:aws:iam::*:role/imds-admin-*, covers several roles)");
        }
        return new Guardrails(scp, GuardrailResources.read(GuardrailResources.DECLARATIVE_POLICY), exempt);
    }

    /** The service control policy (an IAM policy document). */
    public ObjectNode serviceControlPolicy() {
        return serviceControlPolicy.deepCopy();
    }

    /** The EC2 declarative policy ({@code ec2_attributes.instance_metadata_defaults}). */
    public ObjectNode declarativePolicy() {
        return declarativePolicy.deepCopy();
    }

    /** {@code {"serviceControlPolicy": ..., "declarativePolicy": ...}}, the {@code --format json} output. */
    public ObjectNode both() {
        ObjectNode both = JSON.createObjectNode();
        both.set("serviceControlPolicy", serviceControlPolicy());
        both.set("declarativePolicy", declarativePolicy());
        return both;
    }

    /** The role ARN patterns exempt from the metadata-options statement, as given. */
    public List<String> exemptRoles() {
        return exemptRoles;
    }

    /** {@code document} pretty-printed, as it is printed and saved. */
    public static String json(JsonNode document) {
        try {
            return JSON.writer(LAYOUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a guardrail document", e);
        }
    }

    private static ObjectNode modifyStatement(ObjectNode scp) {
        for (JsonNode statement : scp.path("Statement")) {
            if (MODIFY_SID.equals(statement.path("Sid").asText())) {
                return (ObjectNode) statement;
            }
        }
        throw new IllegalStateException("the SCP has no statement " + MODIFY_SID);
    }

    // Beside the HttpTokens clause in the same Condition block: clauses AND, so the deny applies only to
    // principals that match none of the patterns (ArnNotLike over several values is a NOR).
    private static void exempt(ObjectNode statement, List<String> patterns) {
        ObjectNode arnNotLike = statement.withObjectProperty("Condition").putObject("ArnNotLike");
        if (patterns.size() == 1) {
            arnNotLike.put("aws:PrincipalArn", patterns.get(0));
        } else {
            ArrayNode values = arnNotLike.putArray("aws:PrincipalArn");
            patterns.forEach(values::add);
        }
    }
}
