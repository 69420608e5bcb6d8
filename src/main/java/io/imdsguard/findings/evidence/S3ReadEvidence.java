package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Whether the instance's role can read S3 ({@code ALLOWED}, {@code CONDITIONAL} or {@code DENIED}),
 * with the grant for each of the two actions that reading takes.
 *
 * @param note what a rule wants a reader to know about this access (IMDS-001 explains that a
 *             conditional grant still counts); absent when no rule said anything
 */
@JsonPropertyOrder({"decision", "listBucket", "getObject", "note"})
public record S3ReadEvidence(String decision, GrantEvidence listBucket, GrantEvidence getObject,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    public boolean conditional() {
        return "CONDITIONAL".equals(decision);
    }

    public boolean denied() {
        return "DENIED".equals(decision);
    }

    /** The same evidence with a rule's note attached. */
    public S3ReadEvidence withNote(String text) {
        return new S3ReadEvidence(decision, listBucket, getObject, text);
    }

    /** Every condition key of both grants, in order, once each. */
    public List<String> conditionKeys() {
        return java.util.stream.Stream.of(listBucket, getObject).filter(java.util.Objects::nonNull)
                .flatMap(g -> g.conditionKeys().stream()).distinct().toList();
    }

    /**
     * The decision for one action and the statements that made it.
     *
     * @param resource the bucket or object (ARN or pattern) the grant covers
     */
    @JsonPropertyOrder({"action", "decision", "resource", "statements", "conditionKeys"})
    public record GrantEvidence(String action, String decision, String resource, List<StatementEvidence> statements,
                                List<String> conditionKeys) {
        public GrantEvidence {
            statements = List.copyOf(statements);
            conditionKeys = List.copyOf(conditionKeys);
        }
    }

    /** A policy statement that decided a grant: the policy (name or ARN), the statement (Sid or index), its effect. */
    @JsonPropertyOrder({"policy", "statement", "effect"})
    public record StatementEvidence(String policy, String statement, String effect) {
    }
}
