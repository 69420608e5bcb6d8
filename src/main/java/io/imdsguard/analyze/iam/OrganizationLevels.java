package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.inventory.OrganizationPolicies;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an account's collected SCP or RCP levels, naming each policy {@code scp:p-123 (Name)} or
 * {@code rcp:...} for the evidence. A level holding a policy that does not parse is dropped whole:
 * without it the level restricts nothing, so the scan over-reports rather than invent a deny.
 */
final class OrganizationLevels {
    private OrganizationLevels() {
    }

    static List<List<PolicyDocument>> parse(List<OrganizationPolicies.Level> levels, String prefix) {
        List<List<PolicyDocument>> out = new ArrayList<>();
        for (OrganizationPolicies.Level level : levels) {
            try {
                out.add(level.policies().stream()
                        .map(p -> PolicyParser.parse(prefix + p.label(), p.document())).toList());
            } catch (PolicyFormatException e) {
                // Dropped, see the class comment.
            }
        }
        return out;
    }
}
